using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>The held amount left the balance.</summary>
public sealed record HoldCaptured(string HoldId, Money Amount) : AccountEvent;
