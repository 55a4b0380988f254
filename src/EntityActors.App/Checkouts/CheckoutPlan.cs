using System.Collections.Immutable;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Payments;
using EntityActors.Domain.Common;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Checkouts;

/// <summary>
/// The saga's decisions as pure functions: which signal each step sends to which entity, with which
/// idempotency key, and which compensation undoes it. The workflow only sequences them.
/// </summary>
public static class CheckoutPlan
{
    public static bool NeedsApproval(CheckoutRequest request) => request.Total.Amount > request.Settings.ApprovalThreshold;

    /// <summary>The payment is captured at the gateway line by line, one idempotency key per checkout and line.</summary>
    public static ImmutableList<CapturePart> CaptureParts(CheckoutRequest request) =>
        [.. request.Lines.Select((line, i) => new CapturePart(i + 1, $"{request.CheckoutId}:capture:{line.Sku}", request.AccountId, line.LineTotal))];

    public static SignalCommand Reserve(CheckoutRequest request, CartLine line) =>
        Inventory(request, line.Sku, "reserve", new Reserve(request.CheckoutId, line.Quantity));

    public static SignalCommand ReleaseReservation(CheckoutRequest request, CartLine line) =>
        Inventory(request, line.Sku, "release", new ReleaseReservation(request.CheckoutId));

    public static SignalCommand CommitReservation(CheckoutRequest request, CartLine line) =>
        Inventory(request, line.Sku, "commit", new CommitReservation(request.CheckoutId));

    public static SignalCommand PlaceHold(CheckoutRequest request) =>
        Account(request, "place-hold", new PlaceHold(request.CheckoutId, request.Total));

    public static SignalCommand ReleaseHold(CheckoutRequest request) =>
        Account(request, "release-hold", new ReleaseHold(request.CheckoutId));

    public static SignalCommand CaptureHold(CheckoutRequest request) =>
        Account(request, "capture-hold", new CaptureHold(request.CheckoutId));

    public static SignalCommand CompleteCart(CheckoutRequest request) =>
        Cart(request, "complete-checkout", new CompleteCheckout(request.CheckoutId));

    /// <summary>
    /// The cart keeps at most <see cref="TextValidation.MaxTextLength"/> characters of why (the checkout's own status keeps
    /// all of it): a longer reason, such as a denial's comment or a step's error, would make the cart refuse the signal and
    /// leave the checkout compensating for good.
    /// </summary>
    public static SignalCommand FailCart(CheckoutRequest request, string reason) =>
        Cart(request, "fail-checkout", new FailCheckout(request.CheckoutId, CartReason(reason)));

    /// <summary>
    /// An operator's verdict on a checkout that needs attention, sent to its cart as the saga's own would have been:
    /// checked out (the order stands) or failed with <paramref name="reason"/>. Keyed per checkout and verdict, so a
    /// repeat is a duplicate and the other verdict is a new signal the cart judges.
    /// </summary>
    public static SignalCommand ResolveCart(CheckoutView checkout, bool orderStands, string reason)
    {
        var (signal, body) = orderStands
            ? ("complete-checkout", (CartSignal)new CompleteCheckout(checkout.CheckoutId))
            : ("fail-checkout", new FailCheckout(checkout.CheckoutId, CartReason(reason)));
        return Cart(checkout.CartId, signal, body, $"{checkout.CheckoutId}:resolve:{signal}");
    }

    private static string CartReason(string reason) => Shorten(reason, TextValidation.MaxTextLength);

    private static SignalCommand Inventory(CheckoutRequest request, string sku, string signal, InventoryItemSignal body) =>
        new(InventoryItem.Kind, sku, signal, JsonSerializer.SerializeToElement(body, EntityJson.Options), Key(request, signal, sku));

    private static SignalCommand Account(CheckoutRequest request, string signal, AccountSignal body) =>
        new(Domain.Accounts.Account.Kind, request.AccountId, signal, JsonSerializer.SerializeToElement(body, EntityJson.Options), Key(request, signal, request.AccountId));

    private static SignalCommand Cart(CheckoutRequest request, string signal, CartSignal body) =>
        Cart(request.CartId, signal, body, Key(request, signal, request.CartId));

    private static SignalCommand Cart(string cartId, string signal, CartSignal body, string key) =>
        new(Domain.Carts.Cart.Kind, cartId, signal, JsonSerializer.SerializeToElement(body, EntityJson.Options), key);

    private static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        // Never between the two halves of a surrogate pair: half a character is not text the cart could store.
        cut -= char.IsHighSurrogate(text[cut - 1]) ? 1 : 0;
        return text[..cut] + "…";
    }

    /// <summary>One key per checkout, step and target: a retried step is a duplicate, a new checkout is not.</summary>
    private static string Key(CheckoutRequest request, string signal, string target) => $"{request.CheckoutId}:{signal}:{target}";
}
