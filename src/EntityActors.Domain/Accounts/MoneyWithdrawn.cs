using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record MoneyWithdrawn(Money Amount) : AccountEvent;
