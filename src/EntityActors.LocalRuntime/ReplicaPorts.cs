namespace EntityActors.LocalRuntime;

/// <summary>The ports of one app and its sidecar; kept across restarts of either.</summary>
internal sealed record ReplicaPorts
{
    public required int App { get; init; }

    public required int DaprHttp { get; init; }

    public required int DaprGrpc { get; init; }

    public required int DaprInternalGrpc { get; init; }

    public required int DaprMetrics { get; init; }

    /// <summary>
    /// The first replica keeps the fixed ports of <paramref name="options"/>; replica n (from 0) takes each fixed port
    /// + n while that is free, so its URLs, and the <c>Entity-Writer</c> hints naming it, stay the same from run to run.
    /// Every other port, and a derived one that is taken, is picked free.
    /// </summary>
    public static IReadOnlyList<ReplicaPorts> Allocate(LocalDaprEnvironmentOptions options, int replicas)
    {
        int[] fixedPorts = [options.AppPort, options.DaprHttpPort, options.DaprGrpcPort];

        // Taken, the app or sidecar would fail to start only after the rest had, and readiness checks could find another
        // run's app answering on it: say so before anything starts.
        foreach (var (port, option) in fixedPorts.Zip(["--app-port", "--dapr-http-port", "--dapr-grpc-port"]).Where(pair => pair.First != 0))
        {
            if (!FreePorts.IsFree(port))
            {
                throw new InvalidOperationException(
                    $"Port {port} ({option}) is already in use on 127.0.0.1 (another run of the product?). Stop what listens there, or pass {option} with a free port.");
            }
        }

        var derived = Derive(fixedPorts, replicas);

        // A fixed port nobody listens on yet can come back as "free"; ask for spares and skip it.
        var chosen = derived.SelectMany(ports => ports).Where(port => port != 0).ToHashSet();
        var free = new Queue<int>(FreePorts.Allocate((5 * replicas) + chosen.Count).Where(port => !chosen.Contains(port)));
        int Pick(int wanted) => wanted != 0 ? wanted : free.Dequeue();

        return derived.Select(ports => new ReplicaPorts
        {
            App = Pick(ports[0]),
            DaprHttp = Pick(ports[1]),
            DaprGrpc = Pick(ports[2]),
            DaprInternalGrpc = free.Dequeue(),
            DaprMetrics = free.Dequeue(),
        }).ToList();
    }

    /// <summary>Per replica, the port each fixed one gives it, or 0 where a free one must be picked.</summary>
    private static List<int[]> Derive(int[] fixedPorts, int replicas)
    {
        var used = fixedPorts.Where(port => port != 0).ToHashSet();
        var derived = new List<int[]> { fixedPorts };
        for (var index = 1; index < replicas; index++)
        {
            derived.Add(fixedPorts.Select(port =>
            {
                var candidate = port + index;
                var usable = port != 0 && candidate <= ushort.MaxValue && !used.Contains(candidate) && FreePorts.IsFree(candidate);
                if (usable)
                {
                    used.Add(candidate);
                }

                return usable ? candidate : 0;
            }).ToArray());
        }

        return derived;
    }
}
