using System.Collections.Immutable;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record CartState
{
    public CartStatus Status { get; init; } = CartStatus.Open;

    public ImmutableList<CartLine> Items { get; init; } = [];

    /// <summary>The currency of every line; set by the first item, cleared when the cart becomes empty.</summary>
    public string? Currency { get; init; }

    public int CheckoutAttempts { get; init; }

    /// <summary>Set while <see cref="Status"/> is <see cref="CartStatus.CheckingOut"/>, null otherwise.</summary>
    public CartCheckout? ActiveCheckout { get; init; }

    public DateTimeOffset? LastActivityAt { get; init; }

    /// <summary>Sum of the line totals, or null for an empty cart (which has no currency).</summary>
    public Money? Total => Currency is null
        ? null
        : Items.Aggregate(Money.Zero(Currency), (total, line) => total + line.LineTotal);

    public CartLine? Line(string sku) => Items.Find(line => string.Equals(line.Sku, sku, StringComparison.Ordinal));
}
