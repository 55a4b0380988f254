using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Accounts;

namespace EntityActors.App.Accounts;

/// <summary>The long-lived workflow of one account; all its rules live in <see cref="Account"/>.</summary>
public sealed class AccountWorkflow : EntityWorkflow<Account, AccountState, AccountSignal, AccountEvent>;
