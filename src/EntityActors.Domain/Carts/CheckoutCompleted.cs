namespace EntityActors.Domain.Carts;

public sealed record CheckoutCompleted(string CheckoutId, DateTimeOffset At) : CartEvent(At);
