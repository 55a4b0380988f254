using System.Diagnostics;
using System.Globalization;
using System.Text;
using EntityActors.LocalRuntime.StoreServers;

namespace EntityActors.LocalRuntime;

/// <summary>
/// The real Dapr runtime and the app on this machine, as a cluster would run them: the store's servers
/// (<see cref="LocalStore"/>), one placement, one scheduler, and <see cref="LocalDaprEnvironmentOptions.Replicas"/> app +
/// daprd pairs on free loopback ports, all sharing the store. Used by <c>dotnet run --project src/EntityActors.LocalRuntime</c>,
/// the scale-out tests and, through <see cref="LocalDaprEnvironment"/>, every one-replica test and the benchmark.
/// </summary>
public sealed partial class LocalTopology : IAsyncDisposable
{
    private const int FailureTailLines = 60;

    private readonly LocalDaprEnvironmentOptions options;
    private readonly Readiness readiness;
    private readonly Lifecycle lifecycle = new();
    private LocalDaprLayout? layout;
    private LocalStoreServers? stores;
    private LocalControlPlane? controlPlane;
    private List<LocalReplica> replicas = [];
    private ReplicaContext? replicaContext;

    /// <summary>Prepares a topology; nothing runs until <see cref="StartAsync"/>.</summary>
    public LocalTopology(LocalDaprEnvironmentOptions? options = null)
    {
        this.options = options ?? new LocalDaprEnvironmentOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.Replicas, 1, nameof(LocalDaprEnvironmentOptions.Replicas));
        this.options.Restarts?.Validate();
        readiness = new Readiness(this.options);
        readiness.DescribeWith(DescribeProcesses);
    }

    /// <summary>The Dapr app id every replica shares.</summary>
    public string AppId => options.AppId;

    /// <summary>The replicas, in start order.</summary>
    public IReadOnlyList<LocalReplica> Replicas => replicas;

    /// <summary>Placement and the scheduler.</summary>
    public LocalControlPlane ControlPlane => controlPlane ?? throw NotStarted();

    /// <summary>The store's servers (none for SQLite).</summary>
    public LocalStoreServers Stores => stores ?? throw NotStarted();

    /// <summary>The folder holding SQLite files, the scheduler's etcd data and the servers' data.</summary>
    public string DataDirectory => Layout.DataDirectory;

    /// <summary>The component folder the sidecars load (a copy pointing at the servers started here, when any).</summary>
    public string ResourcesPath => Layout.ResourcesPath;

    /// <summary>The app's dll, or null when it runs no app.</summary>
    public string? AppAssemblyPath => Layout.AppAssembly;

    /// <summary>How long <see cref="StartAsync"/> took, from resolving binaries to every replica being ready.</summary>
    public TimeSpan StartupDuration { get; private set; }

    internal LocalDaprLayout Layout => layout ?? throw NotStarted();

    /// <summary>
    /// Starts the store's servers, placement, the scheduler and every replica, and returns once each sidecar is
    /// connected and each app answers healthy and ready. On failure everything started is stopped again and the
    /// exception carries the last output of every process.
    /// </summary>
    /// <exception cref="TimeoutException">Not ready within <see cref="LocalDaprEnvironmentOptions.StartupTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">A process exited during startup, binaries or servers are missing, or
    /// several replicas were asked for on components each process keeps to itself.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        lifecycle.ExclusiveAsync(
            async () =>
            {
                if (lifecycle.Started)
                {
                    throw new InvalidOperationException("An environment starts once; create a new one to start again.");
                }

                lifecycle.Started = true;
                var clock = Stopwatch.StartNew();
                using var deadline = readiness.Deadline(cancellationToken);
                try
                {
                    await StartAllAsync(deadline.Token);
                }
                catch (Exception exception)
                {
                    var failure = readiness.TimeoutFailure(exception, deadline, cancellationToken);
                    await StopAllAsync(TimeSpan.Zero);
                    lifecycle.Stopped = true;
                    if (failure is not null)
                    {
                        throw failure;
                    }

                    throw;
                }

                StartupDuration = clock.Elapsed;
                StartSupervision();
            },
            cancellationToken);

    /// <summary>
    /// Completes when any process exits on its own, with that process's description and last output. Meant for a
    /// long-running host that should not keep running with a dead part.
    /// </summary>
    public async Task<string> WaitForAnyExitAsync(CancellationToken cancellationToken = default)
    {
        var processes = AllProcesses().ToList();
        await await Task.WhenAny(processes.Select(process => process.WaitForExitAsync(cancellationToken)));
        var exited = processes.First(process => process.HasExited);
        return $"{exited}; last output:{Environment.NewLine}{string.Join(Environment.NewLine, exited.RecentOutput().TakeLast(FailureTailLines))}";
    }

    /// <summary>
    /// Stops every replica (all at once, in each the app before its sidecar), the scheduler, placement and the servers, in
    /// that order (SIGTERM, then SIGKILL after <see cref="LocalDaprEnvironmentOptions.StopGracePeriod"/>), and deletes a
    /// temporary data folder.
    /// </summary>
    public async Task StopAsync()
    {
        await StopSupervisionAsync();
        await lifecycle.ExclusiveAsync(async () =>
        {
            if (!lifecycle.Started || lifecycle.Stopped)
            {
                return;
            }

            lifecycle.Stopped = true;
            await StopAllAsync(options.StopGracePeriod);
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        readiness.Dispose();
        lifecycle.Dispose();
    }

    /// <summary>
    /// Starts one more replica beside the others, loading <paramref name="resourcesPath"/> instead of the topology's
    /// components when given (to see a replica that disagrees refused), and waits until it is ready. On failure it is
    /// stopped and left out of <see cref="Replicas"/>, and the exception carries every process's last output.
    /// </summary>
    public async Task<LocalReplica> AddReplicaAsync(string? resourcesPath = null, CancellationToken cancellationToken = default)
    {
        LocalReplica? added = null;
        await lifecycle.RunAsync(
            async () =>
            {
                var context = replicaContext ?? throw NotStarted();
                var ports = ReplicaPorts.Allocate(new LocalDaprEnvironmentOptions(), 1)[0];
                added = new LocalReplica(replicas.Count, ports, context with
                {
                    Layout = Layout with { ResourcesPath = resourcesPath is null ? Layout.ResourcesPath : Path.GetFullPath(resourcesPath) },
                    ReplicaCount = replicas.Count + 1,
                });
                replicas.Add(added);
                added.StartProcesses();
                using var deadline = readiness.Deadline(cancellationToken);
                try
                {
                    await added.WaitReadyAsync(deadline.Token);
                }
                catch (Exception exception)
                {
                    var failure = readiness.TimeoutFailure(exception, deadline, cancellationToken);
                    await added.StopProcessesAsync(TimeSpan.Zero);
                    replicas.Remove(added);
                    if (failure is not null)
                    {
                        throw failure;
                    }

                    throw;
                }

                Supervise(added);
            },
            cancellationToken);
        return added!;
    }

    /// <summary>Stops a replica for good (SIGTERM to both processes) and leaves it out of <see cref="Replicas"/>.</summary>
    public Task RemoveReplicaAsync(LocalReplica replica, CancellationToken cancellationToken = default) =>
        lifecycle.RunAsync(
            async () =>
            {
                await replica.StopProcessesAsync(options.StopGracePeriod, cancellationToken);
                replicas.Remove(replica);
            },
            cancellationToken);

    internal Lifecycle Lifecycle => lifecycle;

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var resolved = await LocalDaprLayout.ResolveAsync(options, cancellationToken);
        layout = resolved;
        ProcessLocalComponents.EnsureShareable(resolved.ResourcesPath, options.Replicas);
        stores = await LocalStoreServers.StartAsync(options.Store, resolved.DataDirectory, options.Log, cancellationToken);
        layout = resolved with { ResourcesPath = stores.PrepareResources(resolved.ResourcesPath, resolved.DataDirectory) };
        controlPlane = new LocalControlPlane(ControlPlanePorts.Allocate(), Layout.Binaries, Layout.DataDirectory, options, readiness, lifecycle);
        var context = new ReplicaContext
        {
            Options = options,
            Layout = Layout,
            ControlPlane = controlPlane,
            Readiness = readiness,
            Lifecycle = lifecycle,
            ReplicaCount = options.Replicas,
            DaprdEnvironment = stores.DaprdEnvironment,
            AppEnvironment = stores.AppEnvironment,
        };
        replicaContext = context;
        replicas = ReplicaPorts.Allocate(options, options.Replicas).Select((ports, index) => new LocalReplica(index, ports, context)).ToList();

        controlPlane.Start();
        // The first sidecar creates the store's tables alone: state.postgresql's "create if not exists" races between
        // sidecars initializing at once ("type dapr_metadata already exists"), and the loser exits.
        replicas[0].StartProcesses();
        await controlPlane.WaitReadyAsync(cancellationToken);
        await replicas[0].WaitReadyAsync(cancellationToken);
        foreach (var replica in replicas.Skip(1))
        {
            replica.StartProcesses();
        }

        foreach (var replica in replicas.Skip(1))
        {
            await replica.WaitReadyAsync(cancellationToken);
        }
    }

    private async Task StopAllAsync(TimeSpan gracePeriod)
    {
        await Task.WhenAll(replicas.Select(replica => replica.StopAppThenSidecarAsync(gracePeriod)));
        if (controlPlane is not null)
        {
            await controlPlane.StopAsync(gracePeriod);
        }

        if (stores is not null)
        {
            await stores.StopAsync(gracePeriod);
            await stores.DisposeAsync();
        }

        DeleteTemporaryDataDirectory();
    }

    private IEnumerable<ManagedProcess> AllProcesses() =>
        (stores?.Processes ?? []).Concat(controlPlane?.Processes ?? []).Concat(replicas.SelectMany(replica => replica.Processes));

    private string DescribeProcesses()
    {
        var text = new StringBuilder();
        foreach (var process in AllProcesses())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {process}, last output ---");
            foreach (var line in process.RecentOutput().TakeLast(FailureTailLines))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    private void DeleteTemporaryDataDirectory()
    {
        if (layout is { DataDirectoryIsTemporary: true } && !options.KeepDataDirectory && Directory.Exists(layout.DataDirectory))
        {
            try
            {
                Directory.Delete(layout.DataDirectory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A leftover temp folder is harmless; failing a stop over it is not.
            }
        }
    }

    private static InvalidOperationException NotStarted() => new("The environment has not been started.");
}
