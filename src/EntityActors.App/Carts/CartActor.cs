using Dapr.Actors.Runtime;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Carts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Carts;

/// <summary>Single writer of one cart's signal intake; also gives its workflow the idle timeout after which it expires.</summary>
public sealed class CartActor(ActorHost host, EntityActorServices services, IOptions<CartOptions> cartOptions)
    : EntityActor<Cart, CartState, CartSignal, CartEvent>(host, services)
{
    protected override string WorkflowName => nameof(CartWorkflow);

    protected override EntityWorkflowSettings Configure(EntityWorkflowSettings defaults) =>
        defaults with { IdleTimeout = cartOptions.Value.ExpireAfter };
}
