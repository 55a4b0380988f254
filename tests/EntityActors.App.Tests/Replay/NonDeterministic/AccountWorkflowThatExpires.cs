using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Accounts;

namespace EntityActors.App.Tests.Replay.NonDeterministic;

/// <summary>
/// The account workflow changed to expire idle accounts as carts do: every wait gains a timer that the recorded
/// histories do not have. A change a user could well make; shipped without a patch it breaks every running account.
/// </summary>
internal sealed class AccountWorkflowThatExpires : EntityWorkflow<Account, AccountState, AccountSignal, AccountEvent>
{
    protected override DateTimeOffset? IdleDeadline(EntityCheckpoint<AccountState> checkpoint) =>
        checkpoint.LastChangedAt + TimeSpan.FromDays(365);
}
