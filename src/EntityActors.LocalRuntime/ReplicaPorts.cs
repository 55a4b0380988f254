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
    /// The first replica keeps the fixed ports of <paramref name="options"/>; every other port, and every port of the
    /// other replicas, is picked free.
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

        // A fixed port nobody listens on yet can come back as "free"; ask for spares and skip it.
        var free = new Queue<int>(FreePorts.Allocate((5 * replicas) + fixedPorts.Length).Where(port => !fixedPorts.Contains(port)));
        int Pick(int chosen) => chosen != 0 ? chosen : free.Dequeue();

        return Enumerable.Range(0, replicas).Select(index => new ReplicaPorts
        {
            App = index == 0 ? Pick(options.AppPort) : free.Dequeue(),
            DaprHttp = index == 0 ? Pick(options.DaprHttpPort) : free.Dequeue(),
            DaprGrpc = index == 0 ? Pick(options.DaprGrpcPort) : free.Dequeue(),
            DaprInternalGrpc = free.Dequeue(),
            DaprMetrics = free.Dequeue(),
        }).ToList();
    }
}
