using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>Carries the released amount so the event reads on its own.</summary>
public sealed record HoldReleased(string HoldId, Money Amount) : AccountEvent;
