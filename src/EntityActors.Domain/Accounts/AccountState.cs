using System.Collections.Immutable;

namespace EntityActors.Domain.Accounts;

public sealed record AccountState
{
    public AccountStatus Status { get; init; } = AccountStatus.Unopened;

    public string? Owner { get; init; }

    /// <summary>Set when opened; every amount the account handles is in this currency.</summary>
    public string? Currency { get; init; }

    public decimal Balance { get; init; }

    /// <summary>Hold id → amount set aside from <see cref="Balance"/> until captured or released.</summary>
    public ImmutableDictionary<string, decimal> Holds { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    public decimal Held => Holds.Values.Sum();

    /// <summary>What may still be withdrawn or held.</summary>
    public decimal Available => Balance - Held;
}
