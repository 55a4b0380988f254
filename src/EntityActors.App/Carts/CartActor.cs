using Dapr.Actors.Runtime;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Entities;
using EntityActors.App.Hosting;
using EntityActors.Domain.Carts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Carts;

/// <summary>Single writer of one cart's signal intake; see <see cref="EntityActor{TEntity, TState, TSignal, TEvent}"/>.</summary>
public sealed class CartActor(
    ActorHost host,
    DaprClient dapr,
    DaprWorkflowClient workflows,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<EntityWorkflowOptions> workflowOptions,
    IOptions<CartOptions> cartOptions,
    TimeProvider time)
    : EntityActor<Cart, CartState, CartSignal, CartEvent>(host, dapr, workflows, components, signals, workflowOptions, time)
{
    protected override string WorkflowName => nameof(CartWorkflow);

    protected override EntityWorkflowSettings Configure(EntityWorkflowSettings defaults) =>
        defaults with { IdleTimeout = cartOptions.Value.ExpireAfter };
}
