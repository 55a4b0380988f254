using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>How checkout ids are made and checked, in one place.</summary>
public static class CheckoutIds
{
    private const string Mark = "-checkout-";

    /// <summary>Deterministic from the cart id and attempt, so replaying a decision yields the same id.</summary>
    public static string For(string cartId, int attempt) => $"{cartId}{Mark}{attempt}";

    /// <summary>The cart a checkout id of <see cref="For"/>'s making names; null for any other text.</summary>
    public static string? CartOf(string checkoutId) =>
        checkoutId.LastIndexOf(Mark, StringComparison.Ordinal) is > 0 and var mark ? checkoutId[..mark] : null;

    // Only presence is checked: Decide compares the id with the active checkout, which is the real test, and the
    // id embeds the cart id, so a reference-length limit could make a legitimate checkout unanswerable.
    public static Rejection? Validate(string? checkoutId) =>
        string.IsNullOrWhiteSpace(checkoutId)
            ? Rejection.Invalid("invalid-checkout-id", "checkout-id is required.")
            : null;
}
