using Dapr.Actors.Runtime;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Entities;
using EntityActors.App.Hosting;
using EntityActors.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Accounts;

/// <summary>Single writer of one account's signal intake; see <see cref="EntityActor{TEntity, TState, TSignal, TEvent}"/>.</summary>
public sealed class AccountActor(
    ActorHost host,
    DaprClient dapr,
    DaprWorkflowClient workflows,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<EntityWorkflowOptions> workflowOptions,
    TimeProvider time)
    : EntityActor<Account, AccountState, AccountSignal, AccountEvent>(host, dapr, workflows, components, signals, workflowOptions, time)
{
    protected override string WorkflowName => nameof(AccountWorkflow);
}
