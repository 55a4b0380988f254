using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record HoldPlaced(string HoldId, Money Amount) : AccountEvent;
