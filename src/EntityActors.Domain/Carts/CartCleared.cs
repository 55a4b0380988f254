namespace EntityActors.Domain.Carts;

public sealed record CartCleared(DateTimeOffset At) : CartEvent(At);
