using System.Collections.Immutable;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Serialization;

/// <summary>
/// One instance of every signal and event type, keyed by its discriminator, with non-default values in every
/// member so that a member lost in serialization shows up. Coverage of every type is itself tested.
/// </summary>
internal static class Samples
{
    private static readonly Money Price = new(12.34m, "EUR");
    private static readonly CartLine Line = new("sku-1", 3, Price);

    public static readonly IReadOnlyDictionary<string, CartSignal> CartSignals = ByDiscriminator<CartSignal>(
        new AddItem("sku-1", 3, Price),
        new ChangeItemQuantity("sku-1", 7),
        new RemoveItem("sku-1"),
        new ClearCart(),
        new CheckOut("acct-1"),
        new ExpireCart(),
        new CompleteCheckout("cart-1-checkout-2"),
        new FailCheckout("cart-1-checkout-2", "card declined"));

    public static readonly IReadOnlyDictionary<string, CartEvent> CartEvents = ByDiscriminator<CartEvent>(
        new ItemAdded("sku-1", 3, Price, Clock.T0),
        new ItemQuantityChanged("sku-1", 7, Clock.T0),
        new ItemRemoved("sku-1", Clock.T0),
        new CartCleared(Clock.T0),
        new CheckoutStarted("cart-1-checkout-2", "acct-1", 2, [Line, new CartLine("sku-2", 1, new Money(0.5m, "EUR"))], new Money(37.52m, "EUR"), Clock.T0),
        new CheckoutCompleted("cart-1-checkout-2", Clock.T0),
        new CheckoutFailed("cart-1-checkout-2", "card declined", Clock.T0),
        new CartExpired(Clock.T0));

    public static readonly IReadOnlyDictionary<string, AccountSignal> AccountSignals = ByDiscriminator<AccountSignal>(
        new OpenAccount("Ada Lovelace", "EUR"),
        new Deposit(Price),
        new Withdraw(Price),
        new PlaceHold("hold-1", Price),
        new ReleaseHold("hold-1"),
        new CaptureHold("hold-1"),
        new CloseAccount());

    public static readonly IReadOnlyDictionary<string, AccountEvent> AccountEvents = ByDiscriminator<AccountEvent>(
        new AccountOpened("Ada Lovelace", "EUR"),
        new MoneyDeposited(Price),
        new MoneyWithdrawn(Price),
        new HoldPlaced("hold-1", Price),
        new HoldReleased("hold-1", Price),
        new HoldCaptured("hold-1", Price),
        new AccountClosed());

    public static readonly IReadOnlyDictionary<string, InventoryItemSignal> InventorySignals = ByDiscriminator<InventoryItemSignal>(
        new Restock(11),
        new Reserve("res-1", 4),
        new ReleaseReservation("res-1"),
        new CommitReservation("res-1"),
        new AdjustStock(-2, "water damage"));

    public static readonly IReadOnlyDictionary<string, InventoryItemEvent> InventoryEvents = ByDiscriminator<InventoryItemEvent>(
        new Restocked(11),
        new StockReserved("res-1", 4),
        new ReservationReleased("res-1", 4),
        new ReservationCommitted("res-1", 4),
        new StockAdjusted(-2, "water damage"));

    public static readonly IReadOnlyDictionary<string, CartState> CartStates = new Dictionary<string, CartState>
    {
        ["initial"] = Cart.Initial,
        ["checking-out"] = new()
        {
            Status = CartStatus.CheckingOut,
            Items = [Line, new CartLine("sku-2", 1, new Money(0.5m, "EUR"))],
            Currency = "EUR",
            CheckoutAttempts = 2,
            ActiveCheckout = new CartCheckout("cart-1-checkout-2", "acct-1", 2),
            LastActivityAt = Clock.T1,
        },
        ["expired"] = new() { Status = CartStatus.Expired, Items = [Line], Currency = "EUR", LastActivityAt = Clock.T0 },
    };

    public static readonly IReadOnlyDictionary<string, AccountState> AccountStates = new Dictionary<string, AccountState>
    {
        ["initial"] = Account.Initial,
        ["open-with-holds"] = new()
        {
            Status = AccountStatus.Open,
            Owner = "Ada Lovelace",
            Currency = "EUR",
            Balance = 150.25m,
            Holds = new Dictionary<string, decimal> { ["hold-1"] = 20m, ["hold-2"] = 0.75m }.ToImmutableDictionary(),
        },
        ["closed"] = new() { Status = AccountStatus.Closed, Owner = "Ada Lovelace", Currency = "EUR" },
    };

    public static readonly IReadOnlyDictionary<string, InventoryItemState> InventoryStates = new Dictionary<string, InventoryItemState>
    {
        ["initial"] = InventoryItem.Initial,
        ["with-reservations"] = new()
        {
            OnHand = 40,
            Reservations = new Dictionary<string, int> { ["res-1"] = 4, ["res-2"] = 9 }.ToImmutableDictionary(),
        },
    };

    private static Dictionary<string, TBase> ByDiscriminator<TBase>(params TBase[] samples)
        where TBase : notnull
    {
        var names = JsonDerivedTypes.ByDiscriminator<TBase>().ToDictionary(pair => pair.Value, pair => pair.Key);
        return samples.ToDictionary(sample => names[sample.GetType()]);
    }
}
