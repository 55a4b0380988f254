namespace EntityActors.LocalRuntime;

/// <summary>
/// The ports placement and the scheduler listen on, including the ones the binaries default silently (placement's raft
/// port 8201, the scheduler's etcd ports 2379/2380): all must differ between environments on one machine.
/// </summary>
internal sealed record ControlPlanePorts
{
    public required int Placement { get; init; }

    public required int PlacementHealthz { get; init; }

    public required int PlacementMetrics { get; init; }

    public required int PlacementRaft { get; init; }

    public required int Scheduler { get; init; }

    public required int SchedulerHealthz { get; init; }

    public required int SchedulerMetrics { get; init; }

    public required int SchedulerEtcdClient { get; init; }

    public required int SchedulerEtcdPeer { get; init; }

    public static ControlPlanePorts Allocate()
    {
        var free = new Queue<int>(FreePorts.Allocate(9));
        return new ControlPlanePorts
        {
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
