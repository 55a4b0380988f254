using System.Globalization;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.ScaleOut.Reference;
using EntityActors.Bench.Scenarios;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// The three systems of the multi-replica run, side by side on this machine, each a <see cref="LocalTopology"/> with
/// servers of its own of the same store: the product on n replicas (one placement, one scheduler, n app + daprd pairs
/// sharing PostgreSQL or Redis), the product on one replica, and the bare Dapr baseline (placement, scheduler, daprd on
/// the store's state component, its workflow worker in this process). No Restate. Beside them, the reference service
/// on n processes and on one (<see cref="ReferenceServices"/>).
/// </summary>
public sealed class ScaleOutRuntime : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    private readonly HttpClient replicasHttp;
    private readonly HttpClient singleHttp;
    private readonly BaselineComponents baselineComponents;
    private readonly BaselineWorker baselineWorker;

    private ScaleOutRuntime(
        LocalTopology replicas, LocalTopology single, LocalDaprEnvironment baseline, BaselineComponents baselineComponents, BaselineWorker baselineWorker,
        ReferenceServices reference, ProcessOutputLog output, TimeSpan workflowPollInterval, ReplicaRouting routing)
    {
        Reference = reference;
        Replicas = replicas;
        Single = single;
        Baseline = baseline;
        this.baselineComponents = baselineComponents;
        this.baselineWorker = baselineWorker;
        Output = output;
        var addresses = replicas.Replicas.Select(r => r.AppBaseAddress).ToList();
        replicasHttp = new HttpClient(routing is ReplicaRouting.Entity ? new EntityAffinityHandler(addresses) : new RoundRobinHandler(addresses))
        {
            BaseAddress = replicas.Replicas[0].AppBaseAddress,
            Timeout = BenchRuntime.ClientTimeout,
        };
        singleHttp = single.Replicas[0].CreateAppClient();
        singleHttp.Timeout = BenchRuntime.ClientTimeout;
        ReplicasClient = new ProductClient(replicasHttp);
        SingleClient = new ProductClient(singleHttp);
        ReplicasWorkflows = Workflows(replicas, workflowPollInterval);
        SingleWorkflows = Workflows(single, workflowPollInterval);
    }

    public LocalTopology Replicas { get; }

    public LocalTopology Single { get; }

    public LocalDaprEnvironment Baseline { get; }

    /// <summary>The product on n replicas, each request to the next replica's URL.</summary>
    public ProductClient ReplicasClient { get; }

    public ProductClient SingleClient { get; }

    /// <summary>The n replicas' entity workflows, read through the first replica's sidecar (it forwards to the others).</summary>
    public ProductWorkflows ReplicasWorkflows { get; }

    public ProductWorkflows SingleWorkflows { get; }

    public BaselineClient BaselineClient => baselineWorker.Client;

    /// <summary>The reference service on as many processes as there are replicas, and on one.</summary>
    public ReferenceServices Reference { get; }

    public ProcessOutputLog Output { get; }

    /// <summary>Starts the three at once and returns when every app is ready and the baseline's worker runs a workflow.</summary>
    /// <exception cref="InvalidOperationException">Binaries or the store's servers are missing, or a process failed to start.</exception>
    public static async Task<ScaleOutRuntime> StartAsync(BenchOptions options, BenchLog log, CancellationToken cancellationToken)
    {
        var binaries = await DaprBinaries.ResolveAsync(cancellationToken);
        var store = options.ScaleOut.Store;
        var output = new ProcessOutputLog(options.ProcessLogPath);
        var components = BaselineComponents.Write(store, BenchRuntime.BaselineAppId);
        var replicas = new LocalTopology(Product(options, binaries.Directory, options.ScaleOut.Replicas, ScaleOutSide.Replicas, output));
        var single = new LocalTopology(Product(options, binaries.Directory, 1, ScaleOutSide.Single, output));
        var baseline = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
        {
            AppId = BenchRuntime.BaselineAppId,
            RunApp = false,
            Store = store,
            ResourcesPath = components.Folder.FullName,
            DaprBinDirectory = binaries.Directory,
            StartupTimeout = StartupTimeout,
            Log = line => output.Add($"[{ScaleOutSide.Baseline}] " + line),
        });

        BaselineWorker? worker = null;
        Task<ReferenceServices>? referenceStart = null;
        try
        {
            log.Line($"starting on {store.ToString().ToLowerInvariant()}, each with servers of its own: the product on {options.ScaleOut.Replicas} replicas, " +
                $"the product on 1 replica and bare Dapr, from {binaries.Directory}");
            referenceStart = ReferenceServices.StartAsync(options.ScaleOut.Replicas, line => output.Add(line), cancellationToken);
            await Task.WhenAll(replicas.StartAsync(cancellationToken), single.StartAsync(cancellationToken), baseline.StartAsync(cancellationToken), referenceStart);
            var reference = await referenceStart;
            log.Line($"{options.ScaleOut.Replicas} replicas ready in {replicas.StartupDuration.TotalSeconds:0.0} s, 1 replica in {single.StartupDuration.TotalSeconds:0.0} s " +
                $"({replicas.AppAssemblyPath}), baseline sidecar in {baseline.StartupDuration.TotalSeconds:0.0} s");
            worker = await BaselineWorker.StartAsync(baseline, output, options.PollInterval, options.ContinueAsNewAfterSignals, cancellationToken);
            log.Line($"baseline workflow worker connected (in this process, pid {Environment.ProcessId})");
            return new ScaleOutRuntime(replicas, single, baseline, components, worker, reference, output, options.WorkflowPollInterval, options.ScaleOut.Routing);
        }
        catch
        {
            if (referenceStart is { IsCompletedSuccessfully: true })
            {
                await referenceStart.Result.DisposeAsync();
            }

            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await Task.WhenAll(replicas.DisposeAsync().AsTask(), single.DisposeAsync().AsTask(), baseline.DisposeAsync().AsTask());
            components.Dispose();
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The processes whose CPU is a side's: every app and daprd, placement, the scheduler, the store's servers (PostgreSQL
    /// with its backends) and, for the baseline, the bench process hosting its worker.
    /// </summary>
    public SideProcesses ProcessesOf(string side)
    {
        var (topology, replicas) = side switch
        {
            ScaleOutSide.Replicas => (Replicas, Replicas.Replicas),
            ScaleOutSide.Single => (Single, Single.Replicas),
            _ => (Baseline.Topology, Baseline.Topology.Replicas),
        };
        var ids = new Dictionary<string, int?>();
        foreach (var replica in replicas)
        {
            var number = (replica.Index + 1).ToString(CultureInfo.InvariantCulture);
            if (replica.AppProcessId is { } app)
            {
                ids[$"app{number}Seconds"] = app;
            }

            ids[$"daprd{number}Seconds"] = replica.SidecarProcessId;
        }

        ids["schedulerSeconds"] = topology.ControlPlane.SchedulerProcessId;
        ids["placementSeconds"] = topology.ControlPlane.PlacementProcessId;
        ids["postgresSeconds"] = topology.Stores.Postgres?.ProcessId;
        ids["redisSeconds"] = topology.Stores.Redis?.ProcessId;
        ids[SideCpu.Bench] = Environment.ProcessId;
        return new SideProcesses(ids, new HashSet<string> { "postgresSeconds" });
    }

    public async ValueTask DisposeAsync()
    {
        await baselineWorker.DisposeAsync();
        await Reference.DisposeAsync();
        await ReplicasWorkflows.DisposeAsync();
        await SingleWorkflows.DisposeAsync();
        replicasHttp.Dispose();
        singleHttp.Dispose();
        await Task.WhenAll(Replicas.DisposeAsync().AsTask(), Single.DisposeAsync().AsTask(), Baseline.DisposeAsync().AsTask());
        baselineComponents.Dispose();
        Output.Dispose();
    }

    private static ProductWorkflows Workflows(LocalTopology topology, TimeSpan pollInterval) =>
        new(topology.Replicas[0].DaprGrpcAddress, topology.Replicas[0].DaprHttpAddress, pollInterval);

    private static LocalDaprEnvironmentOptions Product(BenchOptions options, string binaries, int replicas, string side, ProcessOutputLog output) => new()
    {
        AppId = BenchRuntime.ProductAppId,
        DaprBinDirectory = binaries,
        Store = options.ScaleOut.Store,
        Replicas = replicas,
        // As deploy/ runs replicas, and the same for one so that the two differ only in their number.
        AppHealthChecks = true,
        StartupTimeout = StartupTimeout,
        ProbeTimeout = TimeSpan.FromSeconds(5),
        AppEnvironment = new Dictionary<string, string>(options.AppSettings)
        {
            [BenchRuntime.ContinueAsNewVariable] = options.ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
        },
        Log = line => output.Add($"[{side}] " + line),
    };
}
