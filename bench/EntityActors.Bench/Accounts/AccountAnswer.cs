namespace EntityActors.Bench.Accounts;

/// <summary>What a side answered to an account signal it was asked to wait for: accepted, or refused by a rule (with its code).</summary>
/// <param name="Sequence">Signals the account has handled, this one included.</param>
/// <param name="Version">Signals the account has accepted.</param>
public sealed record AccountAnswer(bool Accepted, string? RejectionCode, long Sequence, long Version);
