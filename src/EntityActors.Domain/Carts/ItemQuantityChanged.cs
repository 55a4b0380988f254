namespace EntityActors.Domain.Carts;

/// <summary>The line's quantity is now <see cref="Quantity"/>.</summary>
public sealed record ItemQuantityChanged(string Sku, int Quantity, DateTimeOffset At) : CartEvent(At);
