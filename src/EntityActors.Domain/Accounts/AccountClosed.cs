namespace EntityActors.Domain.Accounts;

public sealed record AccountClosed : AccountEvent;
