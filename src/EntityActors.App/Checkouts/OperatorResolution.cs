namespace EntityActors.App.Checkouts;

/// <summary>
/// How an operator resolved a checkout that needed attention (<c>POST /checkouts/{id}/resolve</c>): kept beside the
/// finished saga, whose own outcome stays <c>needs-attention</c>, so that <c>GET /checkouts/{id}</c> says it was dealt with.
/// </summary>
/// <param name="Cart">What the cart became: <c>checked-out</c> or <c>open</c>.</param>
public sealed record OperatorResolution(string Cart, string By, string? Comment, DateTimeOffset At)
{
    /// <summary>Where a checkout's resolution is kept in the entity store.</summary>
    public static string Key(string checkoutId) => $"{CheckoutRequest.InstanceIdFor(checkoutId)}:resolution";
}
