namespace EntityActors.Bench.Accounts;

/// <summary>What the bench reads of an account, on the product or on Restate: its counters and balance.</summary>
public sealed record AccountView(long Sequence, long Version, decimal Balance);
