namespace EntityActors.App.Operations;

/// <summary>The source while no read model of carts exists: it cannot list carts, so a request must name them.</summary>
public sealed class NoIdleCartSource : IIdleCartSource
{
    public Task<IReadOnlyList<string>?> FindIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
