using System.Collections.Immutable;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Checkouts;

/// <summary>The input of a checkout saga: the cart's lines and total as they were when checkout began.</summary>
public sealed record CheckoutRequest(
    string CheckoutId,
    string CartId,
    string AccountId,
    int Attempt,
    ImmutableList<CartLine> Lines,
    Money Total,
    DateTimeOffset RequestedAt,
    CheckoutSettings Settings)
{
    /// <summary>Workflow instance id of a checkout; the <c>checkouts-</c> prefix keeps it apart from entity instances.</summary>
    public static string InstanceIdFor(string checkoutId) => $"checkouts-{checkoutId}";
}
