using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>How checkout ids are made and checked, in one place.</summary>
public static class CheckoutIds
{
    /// <summary>Deterministic from the cart id and attempt, so replaying a decision yields the same id.</summary>
    public static string For(string cartId, int attempt) => $"{cartId}-checkout-{attempt}";

    // Only presence is checked: Decide compares the id with the active checkout, which is the real test, and the
    // id embeds the cart id, so a reference-length limit could make a legitimate checkout unanswerable.
    public static Rejection? Validate(string? checkoutId) =>
        string.IsNullOrWhiteSpace(checkoutId)
            ? Rejection.Invalid("invalid-checkout-id", "checkout-id is required.")
            : null;
}
