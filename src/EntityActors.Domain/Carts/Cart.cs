using System.Collections.Immutable;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>A shopping cart's rules: fill it, check it out once at a time, or let it expire.</summary>
public sealed class Cart : IEntity<CartState, CartSignal, CartEvent>
{
    /// <summary>Distinct skus one cart may hold.</summary>
    public const int MaxLines = 100;

    private Cart()
    {
    }

    public static string Kind => "carts";

    public static CartState Initial { get; } = new();

    public static Decision<CartEvent> Decide(CartState state, CartSignal signal, EntityContext context)
    {
        if (signal.Validate() is { } invalid)
        {
            return Reject(invalid);
        }

        var now = context.Now;
        return (state, signal) switch
        {
            ({ Status: not CartStatus.Open }, AddItem or ChangeItemQuantity or RemoveItem or ClearCart or CheckOut) =>
                Reject(NotOpen(state)),

            (_, AddItem add) => DecideAddItem(state, add, now),

            (_, ChangeItemQuantity change) when state.Line(change.Sku) is null => Reject(NotInCart(change.Sku)),
            (_, ChangeItemQuantity change) => Accept(new ItemQuantityChanged(change.Sku, change.Quantity, now)),

            (_, RemoveItem remove) when state.Line(remove.Sku) is null => Reject(NotInCart(remove.Sku)),
            (_, RemoveItem remove) => Accept(new ItemRemoved(remove.Sku, now)),

            (_, ClearCart) => Accept(new CartCleared(now)),

            ({ Items.IsEmpty: true }, CheckOut) =>
                Reject(Rejection.Unprocessable("cart-empty", "An empty cart cannot be checked out.")),
            // No payment takes more than the largest amount: the saga's hold would be refused as invalid after its retries.
            ({ Total.Amount: > SignalValidation.MaxAmount }, CheckOut) => Reject(Rejection.Unprocessable(
                "cart-total-too-large", $"The cart's total, {state.Total}, is over the largest payment ({SignalValidation.MaxAmount}); remove items first.")),
            (_, CheckOut checkOut) => Accept(StartCheckout(state, checkOut, context)),

            ({ Status: CartStatus.CheckingOut, ActiveCheckout: { } active }, CompleteCheckout complete)
                when active.CheckoutId == complete.CheckoutId =>
                Accept(new CheckoutCompleted(complete.CheckoutId, now)),
            (_, CompleteCheckout complete) => Reject(CheckoutMismatch(state, complete.CheckoutId)),

            ({ Status: CartStatus.CheckingOut, ActiveCheckout: { } active }, FailCheckout fail)
                when active.CheckoutId == fail.CheckoutId =>
                Accept(new CheckoutFailed(fail.CheckoutId, fail.Reason, now)),
            (_, FailCheckout fail) => Reject(CheckoutMismatch(state, fail.CheckoutId)),

            ({ Status: CartStatus.Open }, ExpireCart { IdleSince: { } since }) when state.LastActivityAt > since => Reject(Rejection.Conflict(
                "cart-active", $"The cart was active at {state.LastActivityAt:O}, after the idle time the expiry was set from ({since:O}).")),
            ({ Status: CartStatus.Open }, ExpireCart) => Accept(new CartExpired(now)),
            ({ Status: CartStatus.CheckingOut }, ExpireCart) => Reject(Rejection.Conflict(
                "checkout-in-progress",
                $"Checkout {state.ActiveCheckout?.CheckoutId} is in progress; the cart expires only if it fails.")),
            (_, ExpireCart) => Reject(NotOpen(state)),

            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.GetType().Name, "Unknown cart signal."),
        };
    }

    public static CartState Apply(CartState state, CartEvent @event) =>
        Evolve(state, @event) with { LastActivityAt = @event.At };

    private static CartState Evolve(CartState state, CartEvent @event) =>
        @event switch
        {
            ItemAdded added when state.Line(added.Sku) is { } line => state with
            {
                Items = state.Items.Replace(line, line with { Quantity = line.Quantity + added.Quantity }),
            },
            ItemAdded added => state with
            {
                Items = state.Items.Add(new CartLine(added.Sku, added.Quantity, added.UnitPrice)),
                Currency = added.UnitPrice.Currency,
            },
            ItemQuantityChanged changed when state.Line(changed.Sku) is { } line => state with
            {
                Items = state.Items.Replace(line, line with { Quantity = changed.Quantity }),
            },
            ItemRemoved removed when state.Line(removed.Sku) is { } line => WithItems(state, state.Items.Remove(line)),
            CartCleared => WithItems(state, []),
            CheckoutStarted started => state with
            {
                Status = CartStatus.CheckingOut,
                CheckoutAttempts = started.Attempt,
                ActiveCheckout = new CartCheckout(started.CheckoutId, started.AccountId, started.Attempt),
            },
            CheckoutCompleted => state with { Status = CartStatus.CheckedOut, ActiveCheckout = null },
            CheckoutFailed => state with { Status = CartStatus.Open, ActiveCheckout = null },
            CartExpired => state with { Status = CartStatus.Expired },
            ItemQuantityChanged or ItemRemoved => throw new InvalidOperationException(
                $"{@event.GetType().Name} names a sku that is not in the cart; Decide never emits that."),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown cart event."),
        };

    private static Decision<CartEvent> DecideAddItem(CartState state, AddItem add, DateTimeOffset now)
    {
        if (state.Currency is { } currency && currency != add.UnitPrice.Currency)
        {
            return Reject(Rejection.Conflict(
                "currency-mismatch",
                $"The cart is priced in {currency}; {add.Sku} is priced in {add.UnitPrice.Currency}."));
        }

        if (state.Line(add.Sku) is { } line)
        {
            if (line.UnitPrice != add.UnitPrice)
            {
                return Reject(Rejection.Conflict(
                    "price-mismatch",
                    $"{add.Sku} is in the cart at {line.UnitPrice}, not {add.UnitPrice}."));
            }

            if (line.Quantity + add.Quantity > SignalValidation.MaxQuantity)
            {
                return Reject(Rejection.Unprocessable(
                    "quantity-limit",
                    $"{add.Sku} would reach {line.Quantity + add.Quantity}; a line holds at most {SignalValidation.MaxQuantity}."));
            }
        }
        else if (state.Items.Count >= MaxLines)
        {
            return Reject(Rejection.Unprocessable("cart-full", $"A cart holds at most {MaxLines} different skus."));
        }

        return Accept(new ItemAdded(add.Sku, add.Quantity, add.UnitPrice, now));
    }

    private static CheckoutStarted StartCheckout(CartState state, CheckOut checkOut, EntityContext context)
    {
        var attempt = state.CheckoutAttempts + 1;
        return new CheckoutStarted(
            CheckoutIds.For(context.EntityId, attempt),
            checkOut.AccountId,
            attempt,
            state.Items,
            state.Total ?? throw new InvalidOperationException("A cart with items has a currency."),
            context.Now);
    }

    // An empty cart has no currency, so the next first item may bring any.
    private static CartState WithItems(CartState state, ImmutableList<CartLine> items) =>
        state with { Items = items, Currency = items.IsEmpty ? null : state.Currency };

    private static Rejection NotOpen(CartState state) =>
        Rejection.Conflict("cart-not-open", $"The cart is {state.Status}; only an open cart accepts this.");

    private static Rejection NotInCart(string sku) =>
        Rejection.Unprocessable("item-not-in-cart", $"{sku} is not in the cart.");

    private static Rejection CheckoutMismatch(CartState state, string checkoutId) =>
        Rejection.Conflict(
            "checkout-mismatch",
            state.ActiveCheckout is { } active
                ? $"The active checkout is {active.CheckoutId}, not {checkoutId}."
                : $"The cart is {state.Status} and has no active checkout, so {checkoutId} cannot finish.");

    private static Decision<CartEvent> Accept(CartEvent @event) => Decision<CartEvent>.Accept(@event);

    private static Decision<CartEvent> Reject(Rejection rejection) => Decision<CartEvent>.Reject(rejection);
}
