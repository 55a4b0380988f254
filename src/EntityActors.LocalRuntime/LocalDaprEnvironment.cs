namespace EntityActors.LocalRuntime;

/// <summary>
/// The real Dapr runtime and the app on this machine with one replica: placement, scheduler, the app
/// (<c>dotnet EntityActors.App.dll</c>) and its daprd sidecar, each on its own loopback ports, plus the store's servers
/// when <see cref="LocalDaprEnvironmentOptions.Store"/> needs any. A one-replica <see cref="LocalTopology"/>; used by the
/// end-to-end tests and the benchmark.
/// </summary>
public sealed class LocalDaprEnvironment : IAsyncDisposable
{
    private readonly LocalTopology topology;

    /// <summary>Prepares an environment; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="LocalDaprEnvironmentOptions.Replicas"/> is not 1: use <see cref="LocalTopology"/>.</exception>
    public LocalDaprEnvironment(LocalDaprEnvironmentOptions? options = null)
    {
        options ??= new LocalDaprEnvironmentOptions();
        if (options.Replicas != 1)
        {
            throw new ArgumentException($"A {nameof(LocalDaprEnvironment)} runs one replica; use {nameof(LocalTopology)} for {options.Replicas}.", nameof(options));
        }

        topology = new LocalTopology(options);
    }

    /// <summary>The topology behind it, for its control plane and store servers.</summary>
    public LocalTopology Topology => topology;

    /// <summary>The Dapr app id.</summary>
    public string AppId => topology.AppId;

    /// <summary>The app's HTTP port; the same across <see cref="RestartAppAsync(CancellationToken)"/>.</summary>
    public int AppPort => Replica.AppPort;

    /// <summary>The sidecar's HTTP API port.</summary>
    public int DaprHttpPort => Replica.DaprHttpPort;

    /// <summary>The sidecar's gRPC API port.</summary>
    public int DaprGrpcPort => Replica.DaprGrpcPort;

    /// <summary><c>http://127.0.0.1:&lt;app port&gt;/</c>.</summary>
    public Uri AppBaseAddress => Replica.AppBaseAddress;

    /// <summary><c>http://127.0.0.1:&lt;dapr http port&gt;/</c>.</summary>
    public Uri DaprHttpAddress => Replica.DaprHttpAddress;

    /// <summary><c>http://127.0.0.1:&lt;dapr grpc port&gt;/</c>, what <c>DAPR_GRPC_ENDPOINT</c> is set to.</summary>
    public Uri DaprGrpcAddress => Replica.DaprGrpcAddress;

    /// <summary><c>http://127.0.0.1:&lt;daprd metrics port&gt;/</c>: the sidecar's Prometheus metrics, at <c>/metrics</c>.</summary>
    public Uri DaprMetricsAddress => Replica.DaprMetricsAddress;

    /// <summary>The folder holding the SQLite state file and the scheduler's etcd data.</summary>
    public string DataDirectory => topology.DataDirectory;

    /// <summary>
    /// Operating-system process id of the app (the <c>dotnet</c> host running it), or null when no app runs. For
    /// reading its resident memory (<c>/proc/&lt;pid&gt;/status</c>); it changes with <see cref="RestartAppAsync(CancellationToken)"/>.
    /// </summary>
    public int? AppProcessId => topology.Replicas.Count > 0 ? Replica.AppProcessId : null;

    /// <summary>Operating-system process id of daprd, or null when it does not run; it changes with <see cref="RestartSidecarAsync"/>.</summary>
    public int? SidecarProcessId => topology.Replicas.Count > 0 ? Replica.SidecarProcessId : null;

    /// <summary>Operating-system process id of the scheduler (which holds every workflow reminder), or null when it does not run.</summary>
    public int? SchedulerProcessId => topology.Replicas.Count > 0 ? topology.ControlPlane.SchedulerProcessId : null;

    /// <summary>Operating-system process id of placement, or null when it does not run.</summary>
    public int? PlacementProcessId => topology.Replicas.Count > 0 ? topology.ControlPlane.PlacementProcessId : null;

    /// <summary>The app's dll this environment runs (its folder says which build), or null when it runs no app.</summary>
    public string? AppAssemblyPath => topology.AppAssemblyPath;

    /// <summary>How long <see cref="StartAsync"/> took, from resolving binaries to the app being ready.</summary>
    public TimeSpan StartupDuration => topology.StartupDuration;

    private LocalReplica Replica =>
        topology.Replicas.Count > 0 ? topology.Replicas[0] : throw new InvalidOperationException("The environment has not been started.");

    /// <summary>An HTTP client for the app; the caller disposes it.</summary>
    public HttpClient CreateAppClient() => Replica.CreateAppClient();

    /// <summary>An HTTP client for the sidecar's API (sending the API token when one is set); the caller disposes it.</summary>
    public HttpClient CreateDaprClient() => Replica.CreateDaprClient();

    /// <inheritdoc cref="LocalTopology.StartAsync"/>
    public Task StartAsync(CancellationToken cancellationToken = default) => topology.StartAsync(cancellationToken);

    /// <inheritdoc cref="LocalTopology.WaitForAnyExitAsync"/>
    public Task<string> WaitForAnyExitAsync(CancellationToken cancellationToken = default) => topology.WaitForAnyExitAsync(cancellationToken);

    /// <inheritdoc cref="LocalReplica.KillAppAsync"/>
    public Task KillAppAsync(CancellationToken cancellationToken = default) => Replica.KillAppAsync(cancellationToken);

    /// <inheritdoc cref="LocalReplica.RestartAppAsync(CancellationToken)"/>
    public Task RestartAppAsync(CancellationToken cancellationToken = default) => Replica.RestartAppAsync(cancellationToken);

    /// <inheritdoc cref="LocalReplica.RestartAppAsync(IReadOnlyDictionary{string, string}, CancellationToken)"/>
    public Task RestartAppAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default) =>
        Replica.RestartAppAsync(environment, cancellationToken);

    /// <inheritdoc cref="LocalReplica.ReplaceAppAsync"/>
    public Task ReplaceAppAsync(string appAssemblyPath, CancellationToken cancellationToken = default) =>
        Replica.ReplaceAppAsync(appAssemblyPath, cancellationToken);

    /// <inheritdoc cref="LocalReplica.KillSidecarAsync"/>
    public Task KillSidecarAsync(CancellationToken cancellationToken = default) => Replica.KillSidecarAsync(cancellationToken);

    /// <inheritdoc cref="LocalReplica.RestartSidecarAsync"/>
    public Task RestartSidecarAsync(CancellationToken cancellationToken = default) => Replica.RestartSidecarAsync(cancellationToken);

    /// <inheritdoc cref="LocalReplica.EnsureRunningAsync"/>
    public Task EnsureRunningAsync(CancellationToken cancellationToken = default) => Replica.EnsureRunningAsync(cancellationToken);

    /// <inheritdoc cref="LocalTopology.StopAsync"/>
    public Task StopAsync() => topology.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => topology.DisposeAsync();
}
