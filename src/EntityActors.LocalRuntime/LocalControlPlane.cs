using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.LocalRuntime;

/// <summary>
/// Placement and the scheduler of one environment, shared by all its replicas. Either can be killed and started
/// again on the same ports (the scheduler keeps its etcd data; placement rebuilds its table from the sidecars).
/// </summary>
public sealed class LocalControlPlane
{
    private readonly ControlPlanePorts ports;
    private readonly DaprBinaries binaries;
    private readonly string dataDirectory;
    private readonly LocalDaprEnvironmentOptions options;
    private readonly Readiness readiness;
    private readonly Lifecycle lifecycle;
    private ManagedProcess? placement;
    private ManagedProcess? scheduler;

    internal LocalControlPlane(
        ControlPlanePorts ports, DaprBinaries binaries, string dataDirectory, LocalDaprEnvironmentOptions options, Readiness readiness, Lifecycle lifecycle)
    {
        this.ports = ports;
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.readiness = readiness;
        this.lifecycle = lifecycle;
    }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c> of placement, what every sidecar's <c>--placement-host-address</c> names.</summary>
    public string PlacementAddress => $"127.0.0.1:{Readiness.Port(ports.Placement)}";

    /// <summary><c>127.0.0.1:&lt;port&gt;</c> of the scheduler, what every sidecar's <c>--scheduler-host-address</c> names.</summary>
    public string SchedulerAddress => $"127.0.0.1:{Readiness.Port(ports.Scheduler)}";

    /// <summary>Operating-system process id of placement, or null when it does not run.</summary>
    public int? PlacementProcessId => placement is { HasExited: false } running ? running.Id : null;

    /// <summary>Operating-system process id of the scheduler (which holds every workflow reminder), or null when it does not run.</summary>
    public int? SchedulerProcessId => scheduler is { HasExited: false } running ? running.Id : null;

    internal IEnumerable<ManagedProcess> Processes => new[] { placement, scheduler }.OfType<ManagedProcess>();

    internal IReadOnlyList<ManagedProcess> Required => [Current(placement), Current(scheduler)];

    /// <summary>Kills placement (SIGKILL) and waits until it is gone; the sidecars lose their actor table.</summary>
    public Task KillPlacementAsync(CancellationToken cancellationToken = default) =>
        lifecycle.RunAsync(() => ProcessLauncher.KillAsync(placement, cancellationToken), cancellationToken);

    /// <summary>Starts placement again (stopping it first if it runs) on the same ports and waits for its health endpoint.</summary>
    public Task RestartPlacementAsync(CancellationToken cancellationToken = default) =>
        lifecycle.RunAsync(
            async () =>
            {
                await ProcessLauncher.StopAsync(placement, options.StopGracePeriod, cancellationToken);
                placement = StartPlacement();
                await WaitAsync(token => readiness.WaitForHealthzAsync(Current(placement), ports.PlacementHealthz, token), cancellationToken);
            },
            cancellationToken);

    /// <summary>Kills the scheduler (SIGKILL) and waits until it is gone; its etcd data stays.</summary>
    public Task KillSchedulerAsync(CancellationToken cancellationToken = default) =>
        lifecycle.RunAsync(() => ProcessLauncher.KillAsync(scheduler, cancellationToken), cancellationToken);

    /// <summary>Starts the scheduler again (stopping it first if it runs) on the same ports and data and waits for its health endpoint.</summary>
    public Task RestartSchedulerAsync(CancellationToken cancellationToken = default) =>
        lifecycle.RunAsync(
            async () =>
            {
                await ProcessLauncher.StopAsync(scheduler, options.StopGracePeriod, cancellationToken);
                scheduler = StartScheduler();
                await WaitAsync(token => readiness.WaitForHealthzAsync(Current(scheduler), ports.SchedulerHealthz, token), cancellationToken);
            },
            cancellationToken);

    internal IEnumerable<SupervisedProcess> Supervised() =>
    [
        new()
        {
            Current = () => placement,
            StartAgainAsync = async token =>
            {
                await ProcessLauncher.StopAsync(placement, TimeSpan.Zero, token);
                placement = StartPlacement();
            },
        },
        new()
        {
            Current = () => scheduler,
            StartAgainAsync = async token =>
            {
                await ProcessLauncher.StopAsync(scheduler, TimeSpan.Zero, token);
                scheduler = StartScheduler();
            },
        },
    ];

    internal void Start()
    {
        placement = StartPlacement();
        scheduler = StartScheduler();
    }

    internal async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        await readiness.WaitForHealthzAsync(Current(placement), ports.PlacementHealthz, cancellationToken);
        await readiness.WaitForHealthzAsync(Current(scheduler), ports.SchedulerHealthz, cancellationToken);
    }

    internal async Task StopAsync(TimeSpan gracePeriod)
    {
        // The scheduler before placement, as the sidecars (stopped before both) report to them.
        await ProcessLauncher.StopAsync(scheduler, gracePeriod);
        await ProcessLauncher.StopAsync(placement, gracePeriod);
    }

    private async Task WaitAsync(Func<CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        using var deadline = readiness.Deadline(cancellationToken);
        try
        {
            await wait(deadline.Token);
        }
        catch (Exception exception) when (readiness.TimeoutFailure(exception, deadline, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private ManagedProcess StartPlacement() =>
        // No --raft-logstore-path: placement's table is rebuilt from the sidecars that connect, and a persisted
        // raft log would remember a raft port that the next run (picking ports afresh) no longer uses.
        ProcessLauncher.Start("placement", binaries.Placement, dataDirectory, new Dictionary<string, string?>(),
        [
            "--port", Readiness.Port(ports.Placement),
            "--listen-address", "127.0.0.1",
            "--healthz-port", Readiness.Port(ports.PlacementHealthz),
            "--healthz-listen-address", "127.0.0.1",
            "--metrics-port", Readiness.Port(ports.PlacementMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--initial-cluster", $"dapr-placement-0=127.0.0.1:{Readiness.Port(ports.PlacementRaft)}",
            "--log-level", options.ControlPlaneLogLevel,
        ],
        options.Log);

    private ManagedProcess StartScheduler() =>
        ProcessLauncher.Start("scheduler", binaries.Scheduler, dataDirectory, new Dictionary<string, string?>(),
        [
            "--port", Readiness.Port(ports.Scheduler),
            "--listen-address", "127.0.0.1",
            "--healthz-port", Readiness.Port(ports.SchedulerHealthz),
            "--healthz-listen-address", "127.0.0.1",
            "--metrics-port", Readiness.Port(ports.SchedulerMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--etcd-data-dir", Path.Combine(dataDirectory, "scheduler-etcd"),
            "--etcd-client-port", Readiness.Port(ports.SchedulerEtcdClient),
            "--etcd-initial-cluster", $"dapr-scheduler-server-0=http://localhost:{Readiness.Port(ports.SchedulerEtcdPeer)}",
            "--log-level", options.ControlPlaneLogLevel,
        ],
        options.Log);

    private static ManagedProcess Current(ManagedProcess? process) =>
        process ?? throw new InvalidOperationException("The control plane is not running.");
}
