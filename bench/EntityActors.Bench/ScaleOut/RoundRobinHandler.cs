namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// Sends each request to the next of several replicas' base addresses in turn, as a load balancer in front of them
/// would: the path and query stay, the scheme, host and port are the chosen replica's. A retried request goes to the
/// next one.
/// </summary>
public sealed class RoundRobinHandler : DelegatingHandler
{
    private readonly IReadOnlyList<Uri> replicas;
    private int next = -1;

    public RoundRobinHandler(IReadOnlyList<Uri> replicas)
        : base(new SocketsHttpHandler())
    {
        ArgumentOutOfRangeException.ThrowIfZero(replicas.Count, nameof(replicas));
        this.replicas = replicas;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = replicas[(int)((uint)Interlocked.Increment(ref next) % (uint)replicas.Count)];
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            request.RequestUri = new Uri(target, uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
