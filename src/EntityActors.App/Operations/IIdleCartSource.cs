namespace EntityActors.App.Operations;

/// <summary>
/// Where "expire every cart idle for more than X" finds its carts when the request names none: the one seam for a
/// read model of carts. Each cart it gives is still checked against the cart's own view before it is expired.
/// </summary>
public interface IIdleCartSource
{
    /// <returns>Ids of carts idle since <paramref name="idleSince"/> or earlier; null when this source cannot list carts.</returns>
    Task<IReadOnlyList<string>?> FindIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken);
}
