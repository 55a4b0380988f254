using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary><see cref="Quantity"/> more of <see cref="Sku"/>: a new line, or added to the existing one.</summary>
public sealed record ItemAdded(string Sku, int Quantity, Money UnitPrice, DateTimeOffset At) : CartEvent(At);
