namespace EntityActors.LocalRuntime;

/// <summary>
/// Every port one environment listens on. All must differ between environments on one machine, including the ones
/// the binaries default silently (placement's raft port 8201, the scheduler's etcd ports 2379/2380).
/// </summary>
internal sealed record LocalDaprPorts
{
    public required int App { get; init; }

    public required int DaprHttp { get; init; }

    public required int DaprGrpc { get; init; }

    public required int DaprInternalGrpc { get; init; }

    public required int DaprMetrics { get; init; }

    public required int Placement { get; init; }

    public required int PlacementHealthz { get; init; }

    public required int PlacementMetrics { get; init; }

    public required int PlacementRaft { get; init; }

    public required int Scheduler { get; init; }

    public required int SchedulerHealthz { get; init; }

    public required int SchedulerMetrics { get; init; }

    public required int SchedulerEtcdClient { get; init; }

    public required int SchedulerEtcdPeer { get; init; }

    /// <summary>Keeps the fixed ports of <paramref name="options"/> and picks every other one free.</summary>
    public static LocalDaprPorts Allocate(LocalDaprEnvironmentOptions options)
    {
        const int portCount = 14;
        int[] fixedPorts = [options.AppPort, options.DaprHttpPort, options.DaprGrpcPort];

        // A fixed port nobody listens on yet can come back as "free"; ask for spares and skip it.
        var free = new Queue<int>(FreePorts.Allocate(portCount + fixedPorts.Length).Where(port => !fixedPorts.Contains(port)));
        int Pick(int chosen) => chosen != 0 ? chosen : free.Dequeue();

        return new LocalDaprPorts
        {
            App = Pick(options.AppPort),
            DaprHttp = Pick(options.DaprHttpPort),
            DaprGrpc = Pick(options.DaprGrpcPort),
            DaprInternalGrpc = free.Dequeue(),
            DaprMetrics = free.Dequeue(),
            Placement = free.Dequeue(),
            PlacementHealthz = free.Dequeue(),
            PlacementMetrics = free.Dequeue(),
            PlacementRaft = free.Dequeue(),
            Scheduler = free.Dequeue(),
            SchedulerHealthz = free.Dequeue(),
            SchedulerMetrics = free.Dequeue(),
            SchedulerEtcdClient = free.Dequeue(),
            SchedulerEtcdPeer = free.Dequeue(),
        };
    }
}
