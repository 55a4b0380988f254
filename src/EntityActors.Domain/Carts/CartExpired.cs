namespace EntityActors.Domain.Carts;

public sealed record CartExpired(DateTimeOffset At) : CartEvent(At);
