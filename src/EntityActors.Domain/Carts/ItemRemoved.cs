namespace EntityActors.Domain.Carts;

public sealed record ItemRemoved(string Sku, DateTimeOffset At) : CartEvent(At);
