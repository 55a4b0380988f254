using System.Globalization;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Restate;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench;

/// <summary>
/// The three systems under test, side by side on this machine: the product (placement, scheduler, daprd and the app,
/// started as the end-to-end fixture does), the bare Dapr baseline (its own placement, scheduler and daprd with its own
/// app id and SQLite file, and no app: its workflow worker runs in this process) and Restate (its server and the node
/// service holding the same entities as virtual objects).
/// </summary>
public sealed class BenchRuntime : IAsyncDisposable
{
    public const string ProductAppId = "entityactors";
    public const string BaselineAppId = "entityactors-baseline";
    public const string ContinueAsNewVariable = "EntityActors__Workflow__ContinueAsNewAfterBatches";

    private readonly BaselineComponents baselineResources;
    private readonly HttpClient productHttp;
    private readonly HttpClient restateHttp;
    private readonly BaselineWorker baselineWorker;

    private BenchRuntime(
        LocalDaprEnvironment product, LocalDaprEnvironment baseline, RestateRuntime restate, BaselineComponents baselineResources, BaselineWorker baselineWorker,
        ProcessOutputLog output, BenchOptions options)
    {
        Product = product;
        Baseline = baseline;
        Restate = restate;
        this.baselineResources = baselineResources;
        this.baselineWorker = baselineWorker;
        Output = output;

        // The same HTTP client machinery for the product and Restate: a plain HttpClient each, same timeout.
        productHttp = product.CreateAppClient();
        productHttp.Timeout = ClientTimeout;
        restateHttp = new HttpClient { BaseAddress = restate.IngressAddress, Timeout = ClientTimeout };
        ProductClient = new ProductClient(productHttp);
        RestateClient = new RestateClient(restateHttp, options.PollInterval);
        BaselineClient = baselineWorker.Client;
        ProductWorkflows = new ProductWorkflows(product.DaprGrpcAddress, product.DaprHttpAddress, options.WorkflowPollInterval);
    }

    /// <summary>The product's and Restate's HTTP client timeout; the multi-replica run uses it too.</summary>
    public static TimeSpan ClientTimeout { get; } = TimeSpan.FromSeconds(100);

    public LocalDaprEnvironment Product { get; }

    public LocalDaprEnvironment Baseline { get; }

    public RestateRuntime Restate { get; }

    public ProductClient ProductClient { get; }

    /// <summary>The product's entity workflows, read through its sidecar.</summary>
    public ProductWorkflows ProductWorkflows { get; }

    public RestateClient RestateClient { get; }

    public BaselineClient BaselineClient { get; }

    public ProcessOutputLog Output { get; }

    /// <summary>Starts the three systems at once and returns when the app is ready, the baseline worker runs a workflow and Restate answers.</summary>
    /// <exception cref="InvalidOperationException">The Dapr binaries or Restate's packages are missing, or a process failed to start.</exception>
    public static async Task<BenchRuntime> StartAsync(BenchOptions options, BenchLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);

        // Same resolution as the end-to-end fixture; no binaries (nor Restate's packages) is a failure, never a skip.
        var binaries = await DaprBinaries.ResolveAsync(cancellationToken);
        var restateInstallation = RestateInstallation.Resolve();
        var output = new ProcessOutputLog(options.ProcessLogPath);
        var resources = BaselineComponents.Write(LocalStore.Sqlite, BaselineAppId);
        var appEnvironment = new Dictionary<string, string>(options.AppSettings)
        {
            [ContinueAsNewVariable] = options.ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
        };
        var product = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
        {
            AppId = ProductAppId,
            DaprBinDirectory = binaries.Directory,
            AppEnvironment = appEnvironment,
            Log = line => output.Add("[product] " + line),
        });

        var baseline = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
        {
            AppId = BaselineAppId,
            RunApp = false,
            ResourcesPath = resources.Folder.FullName,
            DaprBinDirectory = binaries.Directory,
            Log = line => output.Add("[baseline] " + line),
        });

        BaselineWorker? worker = null;
        var restate = RestateRuntime.StartAsync(restateInstallation, output.Add, cancellationToken);
        try
        {
            log.Line($"starting the product (placement, scheduler, daprd, app) and the baseline (placement, scheduler, daprd) from {binaries.Directory}, and Restate (server, node service)");
            await Task.WhenAll(product.StartAsync(cancellationToken), baseline.StartAsync(cancellationToken), restate);
            log.Line($"product ready in {product.StartupDuration.TotalSeconds:0.0} s ({product.AppAssemblyPath}), baseline sidecar in {baseline.StartupDuration.TotalSeconds:0.0} s, " +
                $"Restate in {restate.Result.StartupDuration.TotalSeconds:0.0} s ({restate.Result.Versions}, ingress {restate.Result.IngressAddress})");

            worker = await BaselineWorker.StartAsync(baseline, output, options.PollInterval, options.ContinueAsNewAfterSignals, cancellationToken);
            log.Line($"baseline workflow worker connected (in this process, pid {Environment.ProcessId})");
            return new BenchRuntime(product, baseline, restate.Result, resources, worker, output, options);
        }
        catch
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await product.DisposeAsync();
            await baseline.DisposeAsync();
            if (restate.IsCompletedSuccessfully)
            {
                await restate.Result.DisposeAsync();
            }

            resources.Dispose();
            output.Dispose();
            throw;
        }
    }

    /// <summary>Restarts the app with the given continue-as-new threshold (same sidecar, same state).</summary>
    public async Task RestartProductAsync(int continueAsNewAfterSignals, CancellationToken cancellationToken)
    {
        await Product.RestartAppAsync(
            new Dictionary<string, string> { [ContinueAsNewVariable] = continueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture) },
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await baselineWorker.DisposeAsync();
        await ProductWorkflows.DisposeAsync();
        productHttp.Dispose();
        restateHttp.Dispose();
        await Product.DisposeAsync();
        await Baseline.DisposeAsync();
        await Restate.DisposeAsync();
        baselineResources.Dispose();
        Output.Dispose();
    }
}
