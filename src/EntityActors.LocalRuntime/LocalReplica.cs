using System.Net;

namespace EntityActors.LocalRuntime;

/// <summary>
/// One replica of the app: the app (<c>dotnet EntityActors.App.dll</c>) and its daprd sidecar, on ports of their own
/// that survive restarts of either, connected to the environment's placement and scheduler.
/// </summary>
public sealed partial class LocalReplica
{
    private const string ApiTokenHeader = "dapr-api-token";

    private readonly ReplicaPorts ports;
    private readonly ReplicaContext context;
    private readonly Dictionary<string, string> appEnvironmentOverrides = [];
    private string? appAssemblyOverride;
    private ManagedProcess? app;
    private ManagedProcess? daprd;

    internal LocalReplica(int index, ReplicaPorts ports, ReplicaContext context)
    {
        Index = index;
        this.ports = ports;
        this.context = context;
    }

    /// <summary>Position among the environment's replicas, from 0.</summary>
    public int Index { get; }

    /// <summary>The app's HTTP port; the same across restarts.</summary>
    public int AppPort => ports.App;

    /// <summary>The sidecar's HTTP API port.</summary>
    public int DaprHttpPort => ports.DaprHttp;

    /// <summary>The sidecar's gRPC API port.</summary>
    public int DaprGrpcPort => ports.DaprGrpc;

    /// <summary><c>http://127.0.0.1:&lt;app port&gt;/</c>.</summary>
    public Uri AppBaseAddress => Readiness.Loopback(ports.App);

    /// <summary><c>http://127.0.0.1:&lt;dapr http port&gt;/</c>.</summary>
    public Uri DaprHttpAddress => Readiness.Loopback(ports.DaprHttp);

    /// <summary><c>http://127.0.0.1:&lt;dapr grpc port&gt;/</c>, what <c>DAPR_GRPC_ENDPOINT</c> is set to.</summary>
    public Uri DaprGrpcAddress => Readiness.Loopback(ports.DaprGrpc);

    /// <summary><c>http://127.0.0.1:&lt;daprd metrics port&gt;/</c>: the sidecar's Prometheus metrics, at <c>/metrics</c>.</summary>
    public Uri DaprMetricsAddress => Readiness.Loopback(ports.DaprMetrics);

    /// <summary>Operating-system process id of the app, or null when it does not run; it changes with every restart.</summary>
    public int? AppProcessId => app is { HasExited: false } running ? running.Id : null;

    /// <summary>Operating-system process id of daprd, or null when it does not run.</summary>
    public int? SidecarProcessId => daprd is { HasExited: false } running ? running.Id : null;

    internal IEnumerable<ManagedProcess> Processes => new[] { app, daprd }.OfType<ManagedProcess>();

    private LocalDaprEnvironmentOptions Options => context.Options;

    private string Suffix => context.ReplicaCount > 1 ? $"-{Index + 1}" : string.Empty;

    /// <summary>An HTTP client for the app; the caller disposes it.</summary>
    public HttpClient CreateAppClient() => new() { BaseAddress = AppBaseAddress };

    /// <summary>An HTTP client for the sidecar's API (sending the API token when one is set); the caller disposes it.</summary>
    public HttpClient CreateDaprClient()
    {
        var client = new HttpClient { BaseAddress = DaprHttpAddress };
        if (Options.DaprApiToken is { } token)
        {
            client.DefaultRequestHeaders.Add(ApiTokenHeader, token);
        }

        return client;
    }

    /// <summary>Kills the app and its sidecar at once (SIGKILL), as a node failure would, and waits until both are gone.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(
            async () =>
            {
                app?.Kill();
                daprd?.Kill();
                await ProcessLauncher.KillAsync(app, cancellationToken);
                await ProcessLauncher.KillAsync(daprd, cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Stops the app and its sidecar together (SIGTERM to both, as the kubelet does to a pod's containers; SIGKILL after
    /// <see cref="LocalDaprEnvironmentOptions.StopGracePeriod"/>).
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(() => StopProcessesAsync(Options.StopGracePeriod, cancellationToken), cancellationToken);

    /// <summary>Starts the app and its sidecar again (after <see cref="KillAsync"/> or <see cref="StopAsync"/>) and waits until ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(
            async () =>
            {
                await StopProcessesAsync(Options.StopGracePeriod, cancellationToken);
                StartProcesses();
                await WithDeadlineAsync(WaitReadyAsync, cancellationToken);
            },
            cancellationToken);

    /// <summary>Kills the app with SIGKILL, as a crash would, and waits until it is gone. The sidecar keeps running.</summary>
    public Task KillAppAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(() => ProcessLauncher.KillAsync(Current(app), cancellationToken), cancellationToken);

    /// <summary>Kills daprd with SIGKILL and waits until it is gone. The app keeps running.</summary>
    public Task KillSidecarAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(() => ProcessLauncher.KillAsync(Current(daprd), cancellationToken), cancellationToken);

    /// <summary>
    /// Stops the app if it still runs, starts it again on the same port, and waits until it is healthy; when daprd
    /// runs, also until the sidecar is connected and the app is ready.
    /// </summary>
    public Task RestartAppAsync(CancellationToken cancellationToken = default) =>
        RestartAppAsync(new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Like <see cref="RestartAppAsync(CancellationToken)"/>, and from now on the app's environment also holds
    /// <paramref name="environment"/> (overriding <see cref="LocalDaprEnvironmentOptions.AppEnvironment"/> and earlier overrides).
    /// </summary>
    public Task RestartAppAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return context.Lifecycle.RunAsync(
            async () =>
            {
                await ProcessLauncher.StopAsync(Current(app), Options.StopGracePeriod, cancellationToken);
                foreach (var (name, value) in environment)
                {
                    appEnvironmentOverrides[name] = value;
                }

                app = StartApp();
                await WithDeadlineAsync(WaitForRestartedAppAsync, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>
    /// Stops the app and starts another build of it, <paramref name="appAssemblyPath"/>, on the same port, sidecar and
    /// state, as a deployment replaces a pod's app; waits until it is ready. Later restarts run that build too.
    /// </summary>
    public Task ReplaceAppAsync(string appAssemblyPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(appAssemblyPath))
        {
            throw new FileNotFoundException($"The app assembly '{appAssemblyPath}' does not exist.", appAssemblyPath);
        }

        appAssemblyOverride = Path.GetFullPath(appAssemblyPath);
        return RestartAppAsync(cancellationToken);
    }

    /// <summary>
    /// Stops daprd if it still runs, starts it again on the same ports, and waits until it is connected and the app is
    /// ready again. With the app down daprd cannot finish starting (it waits for the app's port), so then this only
    /// waits for its outbound side (<c>/v1.0/healthz/outbound</c>).
    /// </summary>
    public Task RestartSidecarAsync(CancellationToken cancellationToken = default) =>
        context.Lifecycle.RunAsync(
            async () =>
            {
                await ProcessLauncher.StopAsync(Current(daprd), Options.StopGracePeriod, cancellationToken);
                daprd = StartDaprd();
                await WithDeadlineAsync(
                    async token =>
                    {
                        if (!Options.RunApp || ProcessLauncher.IsRunning(app))
                        {
                            await WaitForSidecarAsync(token);
                            if (Options.RunApp)
                            {
                                await WaitForAppReadyAsync(token);
                            }
                        }
                        else
                        {
                            await WaitForSidecarOutboundAsync(token);
                        }
                    },
                    cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Lets a frozen replica go on (<see cref="Resume"/>), restarts daprd and the app if either has exited, and waits
    /// until both are ready; does nothing when both run.
    /// </summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        Resume();
        if (!ProcessLauncher.IsRunning(daprd))
        {
            await RestartSidecarAsync(cancellationToken);
        }

        if (Options.RunApp && !ProcessLauncher.IsRunning(app))
        {
            await RestartAppAsync(cancellationToken);
        }
    }

    /// <summary>All four at once: each retries what it needs from the others, and an app whose workflow worker finds no
    /// sidecar at its first attempt waits out a reconnect backoff before it is ready.</summary>
    internal void StartProcesses()
    {
        app = Options.RunApp ? StartApp() : null;
        daprd = StartDaprd();
    }

    internal async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        if (Options.RunApp)
        {
            await WaitForAppHealthyAsync(cancellationToken);
        }

        await WaitForSidecarAsync(cancellationToken);
        if (Options.RunApp)
        {
            await WaitForAppReadyAsync(cancellationToken);
        }
    }

    /// <summary>SIGTERM to both at once, then waits (SIGKILL after <paramref name="gracePeriod"/>).</summary>
    internal Task StopProcessesAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default) =>
        Task.WhenAll(ProcessLauncher.StopAsync(app, gracePeriod, cancellationToken), ProcessLauncher.StopAsync(daprd, gracePeriod, cancellationToken));

    /// <summary>
    /// For the whole topology's stop: the app first (its sidecar still serves its drain), then the sidecar. Signalled
    /// together, the sidecar left once the draining app turned unhealthy and cut its workflow worker's stream mid-drain,
    /// which the app logged as an error with a stack trace at every stop of the run command.
    /// </summary>
    internal async Task StopAppThenSidecarAsync(TimeSpan gracePeriod)
    {
        await ProcessLauncher.StopAsync(app, gracePeriod);
        await ProcessLauncher.StopAsync(daprd, gracePeriod);
    }

    private async Task WithDeadlineAsync(Func<CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        using var deadline = context.Readiness.Deadline(cancellationToken);
        try
        {
            await wait(deadline.Token);
        }
        catch (Exception exception) when (context.Readiness.TimeoutFailure(exception, deadline, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private Task WaitForAppHealthyAsync(CancellationToken cancellationToken) =>
        context.Readiness.WaitUntilAsync(
            $"app{Suffix} GET /healthz on port {Readiness.Port(AppPort)} to answer 200",
            [Current(app)],
            async token => (await context.Readiness.GetStatusAsync(new Uri(AppBaseAddress, "healthz"), token)) == HttpStatusCode.OK,
            cancellationToken);

    // 404 counts as ready: an app without a /readyz endpoint has nothing more to wait for.
    private Task WaitForAppReadyAsync(CancellationToken cancellationToken) =>
        context.Readiness.WaitUntilAsync(
            $"app{Suffix} GET /readyz to answer 200 (or 404)",
            [Current(app), Current(daprd)],
            async token => (await context.Readiness.GetStatusAsync(new Uri(AppBaseAddress, "readyz"), token))
                is HttpStatusCode.OK or HttpStatusCode.NotFound,
            cancellationToken);

    private Task WaitForSidecarOutboundAsync(CancellationToken cancellationToken) =>
        context.Readiness.WaitUntilAsync(
            $"daprd{Suffix} GET /v1.0/healthz/outbound on port {Readiness.Port(DaprHttpPort)} to answer 204",
            [Current(daprd), .. context.ControlPlane.Required],
            async token => (await context.Readiness.GetStatusAsync(new Uri(DaprHttpAddress, "v1.0/healthz/outbound"), token)) == HttpStatusCode.NoContent,
            cancellationToken);

    private static ManagedProcess Current(ManagedProcess? process) =>
        process ?? throw new InvalidOperationException("The replica is not running.");
}
