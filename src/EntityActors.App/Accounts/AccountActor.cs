using Dapr.Actors.Runtime;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.Domain.Accounts;

namespace EntityActors.App.Accounts;

/// <summary>Single writer of one account's signal intake; see <see cref="EntityActor{TEntity, TState, TSignal, TEvent}"/>.</summary>
public sealed class AccountActor(ActorHost host, EntityActorServices services)
    : EntityActor<Account, AccountState, AccountSignal, AccountEvent>(host, services)
{
    protected override string WorkflowName => nameof(AccountWorkflow);
}
