namespace EntityActors.Domain.Accounts;

public sealed record AccountOpened(string Owner, string Currency) : AccountEvent;
