using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>The cart has been idle too long. Sent by the cart itself when its idle timer fires.</summary>
/// <param name="IdleSince">
/// The last activity the timer was set from; a cart active after it is not idle (the timer raced a signal) and refuses.
/// Null expires an open cart whatever its activity.
/// </param>
public sealed record ExpireCart(DateTimeOffset? IdleSince = null) : CartSignal
{
    public override Rejection? Validate() => null;
}
