using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Carts;

internal static class CartSpec
{
    public const string CartId = "cart-42";

    public static Spec<Cart, CartState, CartSignal, CartEvent> Given(params CartEvent[] history) =>
        new(history, new EntityContext(CartId, Clock.T1));

    public static Money Eur(decimal amount) => new(amount, "EUR");

    public static ItemAdded Added(string sku, int quantity, decimal price, string currency = "EUR") =>
        new(sku, quantity, new Money(price, currency), Clock.T0);

    public static CheckoutStarted Started(int attempt, params CartLine[] lines) =>
        new(
            $"{CartId}-checkout-{attempt}",
            "acct-1",
            attempt,
            [.. lines],
            lines.Aggregate(Money.Zero(lines[0].UnitPrice.Currency), (total, line) => total + line.LineTotal),
            Clock.T0);
}
