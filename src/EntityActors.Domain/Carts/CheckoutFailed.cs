namespace EntityActors.Domain.Carts;

public sealed record CheckoutFailed(string CheckoutId, string Reason, DateTimeOffset At) : CartEvent(At);
