using System.Collections.Concurrent;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// Sends each entity's requests to the replica its last answer named as the entity's writer (the <c>Entity-Writer</c>
/// header the replicas send with <c>PeerRouting:AdvertiseToClients</c>), as a client inside the cluster can; requests
/// for an entity not yet placed, and every retry after a named replica could not be reached, go round robin. The
/// entity is the path's first two segments (<c>/{kind}/{id}</c>).
/// </summary>
public sealed class EntityAffinityHandler : DelegatingHandler
{
    public const string WriterHeader = "Entity-Writer";

    private readonly IReadOnlyList<Uri> replicas;
    private readonly ConcurrentDictionary<string, Uri> writers = new(StringComparer.Ordinal);
    private int next = -1;

    public EntityAffinityHandler(IReadOnlyList<Uri> replicas, HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler())
    {
        ArgumentOutOfRangeException.ThrowIfZero(replicas.Count, nameof(replicas));
        this.replicas = replicas;
    }

    /// <summary>How many entities' writers this client knows.</summary>
    public int Known => writers.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var entity = EntityOf(uri);
        var learned = entity is not null && writers.TryGetValue(entity, out var known) ? known : null;
        var target = learned ?? replicas[(int)((uint)Interlocked.Increment(ref next) % (uint)replicas.Count)];
        request.RequestUri = new Uri(target, uri.PathAndQuery);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException) when (entity is not null && learned is not null)
        {
            writers.TryRemove(new KeyValuePair<string, Uri>(entity, learned));
            throw;
        }

        if (entity is not null && response.Headers.TryGetValues(WriterHeader, out var named)
            && Uri.TryCreate(named.FirstOrDefault(), UriKind.Absolute, out var writer) && writer != learned)
        {
            writers[entity] = writer;
        }

        return response;
    }

    private static string? EntityOf(Uri uri)
    {
        var path = uri.AbsolutePath;
        var kindEnd = path.IndexOf('/', 1);
        if (kindEnd < 0)
        {
            return null;
        }

        var idEnd = path.IndexOf('/', kindEnd + 1);
        return idEnd < 0 ? path : path[..idEnd];
    }
}
