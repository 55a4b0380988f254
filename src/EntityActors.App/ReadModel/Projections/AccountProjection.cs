using EntityActors.Domain.Accounts;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>Accounts: status <c>unopened</c>, <c>open</c> or <c>closed</c> (ended); filtered by balance.</summary>
public sealed class AccountProjection : EntityProjection<AccountState, AccountSummary>
{
    public const string MinBalance = "minBalance";
    public const string MaxBalance = "maxBalance";

    public override string Kind => Account.Kind;

    public override IReadOnlyList<string> Statuses { get; } = Names<AccountStatus>();

    public override IReadOnlyList<string> EndedStatuses { get; } = [Name(AccountStatus.Closed)];

    public override IReadOnlyList<string> Filters { get; } = [MinBalance, MaxBalance];

    protected override AccountSummary Summarize(AccountState state) =>
        new(state.Balance, state.Available, state.Currency, state.Owner);

    protected override ProjectedEntity Columns(AccountState state) =>
        new(Name(state.Status), string.Empty, Balance: (double)state.Balance);
}
