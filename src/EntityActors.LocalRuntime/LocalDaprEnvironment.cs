using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EntityActors.LocalRuntime;

/// <summary>
/// The real Dapr runtime and the app on this machine: placement, scheduler, the app (<c>dotnet EntityActors.App.dll</c>)
/// and its daprd sidecar, each on its own loopback ports. Used by the end-to-end tests, the benchmark and
/// <c>dotnet run --project src/EntityActors.LocalRuntime</c>.
/// </summary>
public sealed class LocalDaprEnvironment : IAsyncDisposable
{
    private const string PlacementConnected = "placement: connected";
    private const string ApiTokenHeader = "dapr-api-token";
    private const int FailureTailLines = 60;

    private readonly LocalDaprEnvironmentOptions options;
    private readonly HttpClient probe;
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private readonly Dictionary<string, string> appEnvironmentOverrides = [];
    private LocalDaprLayout? layout;
    private ManagedProcess? placement;
    private ManagedProcess? scheduler;
    private ManagedProcess? app;
    private ManagedProcess? daprd;
    private string waitingFor = "nothing yet";
    private bool started;
    private bool stopped;

    /// <summary>Prepares an environment; nothing runs until <see cref="StartAsync"/>.</summary>
    public LocalDaprEnvironment(LocalDaprEnvironmentOptions? options = null)
    {
        this.options = options ?? new LocalDaprEnvironmentOptions();
        probe = new HttpClient { Timeout = this.options.ProbeTimeout };
        if (this.options.DaprApiToken is { } token)
        {
            probe.DefaultRequestHeaders.Add(ApiTokenHeader, token);
        }
    }

    /// <summary>The Dapr app id.</summary>
    public string AppId => options.AppId;

    /// <summary>The app's HTTP port; the same across <see cref="RestartAppAsync(CancellationToken)"/>.</summary>
    public int AppPort => Layout.Ports.App;

    /// <summary>The sidecar's HTTP API port.</summary>
    public int DaprHttpPort => Layout.Ports.DaprHttp;

    /// <summary>The sidecar's gRPC API port.</summary>
    public int DaprGrpcPort => Layout.Ports.DaprGrpc;

    /// <summary><c>http://127.0.0.1:&lt;app port&gt;/</c>.</summary>
    public Uri AppBaseAddress => Loopback(AppPort);

    /// <summary><c>http://127.0.0.1:&lt;dapr http port&gt;/</c>.</summary>
    public Uri DaprHttpAddress => Loopback(DaprHttpPort);

    /// <summary><c>http://127.0.0.1:&lt;dapr grpc port&gt;/</c>, what <c>DAPR_GRPC_ENDPOINT</c> is set to.</summary>
    public Uri DaprGrpcAddress => Loopback(DaprGrpcPort);

    /// <summary><c>http://127.0.0.1:&lt;daprd metrics port&gt;/</c>: the sidecar's Prometheus metrics, at <c>/metrics</c>.</summary>
    public Uri DaprMetricsAddress => Loopback(Layout.Ports.DaprMetrics);

    /// <summary>The folder holding the SQLite state file and the scheduler's etcd data.</summary>
    public string DataDirectory => Layout.DataDirectory;

    /// <summary>
    /// Operating-system process id of the app (the <c>dotnet</c> host running it), or null when no app runs. For
    /// reading its resident memory (<c>/proc/&lt;pid&gt;/status</c>); it changes with <see cref="RestartAppAsync(CancellationToken)"/>.
    /// </summary>
    public int? AppProcessId => app is { HasExited: false } running ? running.Id : null;

    /// <summary>Operating-system process id of daprd, or null when it does not run; it changes with <see cref="RestartSidecarAsync"/>.</summary>
    public int? SidecarProcessId => daprd is { HasExited: false } running ? running.Id : null;

    /// <summary>Operating-system process id of the scheduler (which holds every workflow reminder), or null when it does not run.</summary>
    public int? SchedulerProcessId => scheduler is { HasExited: false } running ? running.Id : null;

    /// <summary>The app's dll this environment runs (its folder says which build), or null when it runs no app.</summary>
    public string? AppAssemblyPath => Layout.AppAssembly;

    /// <summary>How long <see cref="StartAsync"/> took, from resolving binaries to the app being ready.</summary>
    public TimeSpan StartupDuration { get; private set; }

    private LocalDaprLayout Layout =>
        layout ?? throw new InvalidOperationException("The environment has not been started.");

    /// <summary>An HTTP client for the app; the caller disposes it.</summary>
    public HttpClient CreateAppClient() => new() { BaseAddress = AppBaseAddress };

    /// <summary>An HTTP client for the sidecar's API (sending the API token when one is set); the caller disposes it.</summary>
    public HttpClient CreateDaprClient()
    {
        var client = new HttpClient { BaseAddress = DaprHttpAddress };
        if (options.DaprApiToken is { } token)
        {
            client.DefaultRequestHeaders.Add(ApiTokenHeader, token);
        }

        return client;
    }

    /// <summary>
    /// Starts placement, scheduler, the app and daprd, and returns once the sidecar is connected to placement and
    /// the scheduler and the app answers healthy and ready. On failure everything started is stopped again and the
    /// exception carries the last output of every process.
    /// </summary>
    /// <exception cref="TimeoutException">Not ready within <see cref="LocalDaprEnvironmentOptions.StartupTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">A process exited during startup, or binaries are missing.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (started)
            {
                throw new InvalidOperationException("An environment starts once; create a new one to start again.");
            }

            started = true;
            var clock = Stopwatch.StartNew();
            using var deadline = Deadline(cancellationToken);
            try
            {
                layout = await LocalDaprLayout.ResolveAsync(options, deadline.Token);
                // All four at once: each retries what it needs from the others, and an app whose workflow worker
                // finds no sidecar at its first attempt waits out a reconnect backoff before it is ready.
                placement = StartPlacement();
                scheduler = StartScheduler();
                app = options.RunApp ? StartApp() : null;
                daprd = StartDaprd();
                await WaitForHealthzAsync(placement, Layout.Ports.PlacementHealthz, deadline.Token);
                await WaitForHealthzAsync(scheduler, Layout.Ports.SchedulerHealthz, deadline.Token);
                if (options.RunApp)
                {
                    await WaitForAppHealthyAsync(deadline.Token);
                }

                await WaitForSidecarAsync(deadline.Token);
                if (options.RunApp)
                {
                    await WaitForAppReadyAsync(deadline.Token);
                }
            }
            catch (Exception exception)
            {
                var failure = TimeoutFailure(exception, deadline, cancellationToken);
                await StopProcessesAsync(TimeSpan.Zero);
                DeleteTemporaryDataDirectory();
                stopped = true;
                if (failure is not null)
                {
                    throw failure;
                }

                throw;
            }

            StartupDuration = clock.Elapsed;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>
    /// Completes when placement, the scheduler, the app or daprd exits on its own, with that process's description
    /// and last output. Meant for a long-running host that should not keep running with a dead part.
    /// </summary>
    public async Task<string> WaitForAnyExitAsync(CancellationToken cancellationToken = default)
    {
        ManagedProcess[] processes = options.RunApp
            ? [Current(placement), Current(scheduler), Current(app), Current(daprd)]
            : [Current(placement), Current(scheduler), Current(daprd)];
        await await Task.WhenAny(processes.Select(process => process.WaitForExitAsync(cancellationToken)));
        var exited = processes.First(process => process.HasExited);
        return $"{exited}; last output:{Environment.NewLine}{string.Join(Environment.NewLine, exited.RecentOutput().TakeLast(FailureTailLines))}";
    }

    /// <summary>Kills the app with SIGKILL, as a crash would, and waits until it is gone. The sidecar keeps running.</summary>
    public Task KillAppAsync(CancellationToken cancellationToken = default) =>
        KillAsync(() => app, cancellationToken);

    /// <summary>
    /// Stops the app if it still runs, starts it again on the same port, and waits until it is healthy; when daprd
    /// runs, also until the sidecar is connected and the app is ready. (With the sidecar down the app cannot be
    /// ready: <see cref="RestartSidecarAsync"/> then waits for that.)
    /// </summary>
    public Task RestartAppAsync(CancellationToken cancellationToken = default) =>
        RestartAppAsync(new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Like <see cref="RestartAppAsync(CancellationToken)"/>, and from now on the app's environment also holds
    /// <paramref name="environment"/> (overriding <see cref="LocalDaprEnvironmentOptions.AppEnvironment"/> and earlier
    /// overrides), e.g. to run the same sidecar and state with another configuration of the app.
    /// </summary>
    public Task RestartAppAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return RestartAsync(
            () => app,
            () =>
            {
                foreach (var (name, value) in environment)
                {
                    appEnvironmentOverrides[name] = value;
                }

                return StartApp();
            },
            started => app = started,
            async token =>
            {
                await WaitForAppHealthyAsync(token);
                if (IsRunning(daprd))
                {
                    await WaitForSidecarAsync(token);
                    await WaitForAppReadyAsync(token);
                }
            },
            cancellationToken);
    }

    /// <summary>Kills daprd with SIGKILL and waits until it is gone. The app keeps running.</summary>
    public Task KillSidecarAsync(CancellationToken cancellationToken = default) =>
        KillAsync(() => daprd, cancellationToken);

    /// <summary>
    /// Stops daprd if it still runs, starts it again on the same ports, and waits until it is connected and the app
    /// is ready again. With the app down daprd cannot finish starting (it waits for the app's port), so then this
    /// only waits for its outbound side (<c>/v1.0/healthz/outbound</c>) and <see cref="RestartAppAsync(CancellationToken)"/> waits for
    /// the rest.
    /// </summary>
    public Task RestartSidecarAsync(CancellationToken cancellationToken = default) =>
        RestartAsync(
            () => daprd,
            StartDaprd,
            started => daprd = started,
            async token =>
            {
                if (!options.RunApp)
                {
                    await WaitForSidecarAsync(token);
                }
                else if (IsRunning(app))
                {
                    await WaitForSidecarAsync(token);
                    await WaitForAppReadyAsync(token);
                }
                else
                {
                    await WaitForSidecarOutboundAsync(token);
                }
            },
            cancellationToken);

    /// <summary>
    /// Restarts daprd and the app if either has exited (say a test killed one and failed before restarting it), and
    /// waits until both are ready; does nothing when both run.
    /// </summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning(daprd))
        {
            await RestartSidecarAsync(cancellationToken);
        }

        if (options.RunApp && !IsRunning(app))
        {
            await RestartAppAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the app, daprd, scheduler and placement, in that order (SIGTERM, then SIGKILL after
    /// <see cref="LocalDaprEnvironmentOptions.StopGracePeriod"/>), and deletes a temporary data folder.
    /// </summary>
    public async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            await StopProcessesAsync(options.StopGracePeriod);
            DeleteTemporaryDataDirectory();
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        probe.Dispose();
        lifecycle.Dispose();
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        return deadline;
    }

    private ManagedProcess StartPlacement()
    {
        var ports = Layout.Ports;

        // No --raft-logstore-path: placement's table is rebuilt from the sidecars that connect, and a persisted
        // raft log would remember a raft port that the next run (picking ports afresh) no longer uses.
        return Start("placement", Layout.Binaries.Placement, Layout.DataDirectory, new Dictionary<string, string?>(),
        [
            "--port", Port(ports.Placement),
            "--listen-address", "127.0.0.1",
            "--healthz-port", Port(ports.PlacementHealthz),
            "--healthz-listen-address", "127.0.0.1",
            "--metrics-port", Port(ports.PlacementMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--initial-cluster", $"dapr-placement-0=127.0.0.1:{Port(ports.PlacementRaft)}",
            "--log-level", options.ControlPlaneLogLevel,
        ]);
    }

    private ManagedProcess StartScheduler()
    {
        var ports = Layout.Ports;
        return Start("scheduler", Layout.Binaries.Scheduler, Layout.DataDirectory, new Dictionary<string, string?>(),
        [
            "--port", Port(ports.Scheduler),
            "--listen-address", "127.0.0.1",
            "--healthz-port", Port(ports.SchedulerHealthz),
            "--healthz-listen-address", "127.0.0.1",
            "--metrics-port", Port(ports.SchedulerMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--etcd-data-dir", Path.Combine(Layout.DataDirectory, "scheduler-etcd"),
            "--etcd-client-port", Port(ports.SchedulerEtcdClient),
            "--etcd-initial-cluster", $"dapr-scheduler-server-0=http://localhost:{Port(ports.SchedulerEtcdPeer)}",
            "--log-level", options.ControlPlaneLogLevel,
        ]);
    }

    private ManagedProcess StartApp()
    {
        var ports = Layout.Ports;
        var environment = new Dictionary<string, string?>(ApiTokenEnvironment())
        {
            ["DAPR_HTTP_PORT"] = Port(ports.DaprHttp),
            ["DAPR_GRPC_PORT"] = Port(ports.DaprGrpc),
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{Port(ports.DaprHttp)}",
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{Port(ports.DaprGrpc)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // The embedded read model sits beside the sidecar's SQLite files (unless the app is pointed elsewhere).
            ["EntityActors__ReadModel__SqlitePath"] = Path.Combine(Layout.DataDirectory, "readmodel.db"),
        };
        foreach (var (name, value) in options.AppEnvironment.Concat(appEnvironmentOverrides))
        {
            environment[name] = value;
        }

        // The app's folder as working directory: ASP.NET Core reads appsettings*.json from its content root.
        var appAssembly = Layout.AppAssembly
            ?? throw new InvalidOperationException("This environment runs no app (LocalDaprEnvironmentOptions.RunApp is false).");
        return Start("app", Layout.DotnetHost, Path.GetDirectoryName(appAssembly)!, environment,
        [
            appAssembly,
            "--urls", $"http://127.0.0.1:{Port(ports.App)}",
        ]);
    }

    private ManagedProcess StartDaprd()
    {
        var ports = Layout.Ports;
        var environment = new Dictionary<string, string?>(ApiTokenEnvironment())
        {
            // The address daprd registers with placement for its actors; loopback keeps it off other interfaces.
            ["DAPR_HOST_IP"] = "127.0.0.1",
        };
        List<string> arguments =
        [
            "--app-id", options.AppId,
            .. options.RunApp
                ? (string[])["--app-port", Port(ports.App), "--app-protocol", "http", "--app-channel-address", "127.0.0.1"]
                : [],
            "--dapr-http-port", Port(ports.DaprHttp),
            "--dapr-grpc-port", Port(ports.DaprGrpc),
            "--dapr-internal-grpc-port", Port(ports.DaprInternalGrpc),
            "--dapr-listen-addresses", "127.0.0.1",
            "--metrics-port", Port(ports.DaprMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--placement-host-address", $"127.0.0.1:{Port(ports.Placement)}",
            "--scheduler-host-address", $"127.0.0.1:{Port(ports.Scheduler)}",
            "--resources-path", Layout.ResourcesPath,
            "--log-level", options.DaprdLogLevel,
            .. options.DaprdArguments,
        ];

        // Working directory = data folder, so the relative SQLite path in components/local lands there.
        return Start("daprd", Layout.Binaries.Daprd, Layout.DataDirectory, environment, arguments);
    }

    private Dictionary<string, string?> ApiTokenEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        if (options.DaprApiToken is { } daprToken)
        {
            environment["DAPR_API_TOKEN"] = daprToken;
        }

        if (options.AppApiToken is { } appToken)
        {
            environment["APP_API_TOKEN"] = appToken;
        }

        return environment;
    }

    private ManagedProcess Start(
        string name,
        string fileName,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> arguments)
    {
        var prefix = $"[{name}] ";
        var log = options.Log;
        return ManagedProcess.Start(new ManagedProcessStartInfo
        {
            Name = name,
            FileName = fileName,
            Arguments = arguments,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            Output = log is null ? null : line => log(prefix + line),
        });
    }

    private Task WaitForHealthzAsync(ManagedProcess process, int healthzPort, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            $"{process.Name} /healthz on port {Port(healthzPort)} to answer 200",
            [process],
            async token => (await GetStatusAsync(new Uri(Loopback(healthzPort), "healthz"), token)) == HttpStatusCode.OK,
            cancellationToken);

    private Task WaitForAppHealthyAsync(CancellationToken cancellationToken) =>
        WaitUntilAsync(
            $"app GET /healthz on port {Port(AppPort)} to answer 200",
            [Current(app)],
            async token => (await GetStatusAsync(new Uri(AppBaseAddress, "healthz"), token)) == HttpStatusCode.OK,
            cancellationToken);

    // 404 counts as ready: an app without a /readyz endpoint has nothing more to wait for.
    private Task WaitForAppReadyAsync(CancellationToken cancellationToken) =>
        WaitUntilAsync(
            "app GET /readyz to answer 200 (or 404)",
            [Current(app), Current(daprd)],
            async token => (await GetStatusAsync(new Uri(AppBaseAddress, "readyz"), token))
                is HttpStatusCode.OK or HttpStatusCode.NotFound,
            cancellationToken);

    private async Task WaitForSidecarAsync(CancellationToken cancellationToken)
    {
        ManagedProcess[] mustRun = options.RunApp
            ? [Current(daprd), Current(placement), Current(scheduler), Current(app)]
            : [Current(daprd), Current(placement), Current(scheduler)];
        await WaitUntilAsync(
            $"daprd GET /v1.0/healthz on port {Port(DaprHttpPort)} to answer 204",
            mustRun,
            async token => (await GetStatusAsync(new Uri(DaprHttpAddress, "v1.0/healthz"), token)) == HttpStatusCode.NoContent,
            cancellationToken);
        await WaitUntilAsync(
            $"daprd GET /v1.0/metadata to show actorRuntime.placement \"{PlacementConnected}\" and a connected scheduler",
            mustRun,
            SidecarConnectedAsync,
            cancellationToken);
    }

    private Task WaitForSidecarOutboundAsync(CancellationToken cancellationToken) =>
        WaitUntilAsync(
            $"daprd GET /v1.0/healthz/outbound on port {Port(DaprHttpPort)} to answer 204",
            [Current(daprd), Current(placement), Current(scheduler)],
            async token => (await GetStatusAsync(new Uri(DaprHttpAddress, "v1.0/healthz/outbound"), token)) == HttpStatusCode.NoContent,
            cancellationToken);

    private async Task<bool> SidecarConnectedAsync(CancellationToken cancellationToken)
    {
        using var response = await probe.GetAsync(new Uri(DaprHttpAddress, "v1.0/metadata"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var placementStatus = metadata?["actorRuntime"]?["placement"]?.GetValue<string>();

        // Workflow timers and reminders live in the scheduler: a sidecar without it is not ready for workflows.
        var schedulers = metadata?["scheduler"]?["connected_addresses"] as JsonArray;
        return placementStatus == PlacementConnected && schedulers is { Count: > 0 };
    }

    private async Task<HttpStatusCode?> GetStatusAsync(Uri address, CancellationToken cancellationToken)
    {
        using var response = await probe.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }

    private async Task WaitUntilAsync(
        string condition,
        IReadOnlyList<ManagedProcess> mustRun,
        Func<CancellationToken, Task<bool>> isMet,
        CancellationToken cancellationToken)
    {
        waitingFor = condition;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (mustRun.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw new InvalidOperationException(
                    $"{exited} while waiting for {condition}.{Environment.NewLine}{DescribeProcesses()}");
            }

            try
            {
                if (await isMet(cancellationToken))
                {
                    options.Log?.Invoke($"[environment] {condition}: met after {clock.Elapsed.TotalSeconds:0.00} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This probe timed out; the next one may not.
            }

            await Task.Delay(options.ProbeInterval, cancellationToken);
        }
    }

    private async Task KillAsync(Func<ManagedProcess?> current, CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning();
            var process = Current(current());
            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    private async Task RestartAsync(
        Func<ManagedProcess?> current,
        Func<ManagedProcess> start,
        Action<ManagedProcess> replace,
        Func<CancellationToken, Task> waitUntilReady,
        CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning();
            var previous = Current(current());
            await previous.StopAsync(options.StopGracePeriod, cancellationToken);
            await previous.DisposeAsync();
            replace(start());
            using var deadline = Deadline(cancellationToken);
            try
            {
                await waitUntilReady(deadline.Token);
            }
            catch (Exception exception) when (TimeoutFailure(exception, deadline, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            lifecycle.Release();
        }
    }

    private void EnsureRunning()
    {
        if (!started || stopped || layout is null)
        {
            throw new InvalidOperationException("The environment is not running.");
        }
    }

    private static bool IsRunning(ManagedProcess? process) => process is { HasExited: false };

    private static ManagedProcess Current(ManagedProcess? process) =>
        process ?? throw new InvalidOperationException("The environment is not running.");

    private TimeoutException? TimeoutFailure(
        Exception exception, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            ? new TimeoutException(
                $"Not ready within {options.StartupTimeout.TotalSeconds:0.#} s: still waiting for {waitingFor}." +
                $"{Environment.NewLine}{DescribeProcesses()}",
                exception)
            : null;

    private string DescribeProcesses()
    {
        var text = new StringBuilder();
        foreach (var process in new[] { placement, scheduler, app, daprd }.OfType<ManagedProcess>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {process}, last output ---");
            foreach (var line in process.RecentOutput().TakeLast(FailureTailLines))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    private async Task StopProcessesAsync(TimeSpan gracePeriod)
    {
        // App first so it does not see its sidecar vanish; the control plane last, since daprd reports to it.
        foreach (var process in new[] { app, daprd, scheduler, placement })
        {
            if (process is not null)
            {
                await process.StopAsync(gracePeriod);
                await process.DisposeAsync();
            }
        }
    }

    private void DeleteTemporaryDataDirectory()
    {
        if (layout is { DataDirectoryIsTemporary: true } && !options.KeepDataDirectory && Directory.Exists(layout.DataDirectory))
        {
            try
            {
                Directory.Delete(layout.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing a stop over it is not.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }
}
