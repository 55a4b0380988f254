using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record MoneyDeposited(Money Amount) : AccountEvent;
