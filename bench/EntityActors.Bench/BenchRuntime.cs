using System.Globalization;
using Dapr.Workflow;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Restate;
using EntityActors.LocalRuntime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

    private readonly DirectoryInfo baselineResources;
    private readonly HttpClient productHttp;
    private readonly HttpClient restateHttp;
    private readonly IHost baselineWorker;

    private BenchRuntime(
        LocalDaprEnvironment product, LocalDaprEnvironment baseline, RestateRuntime restate, DirectoryInfo baselineResources, IHost baselineWorker,
        ProcessOutputLog output, TimeSpan pollInterval)
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
        RestateClient = new RestateClient(restateHttp, pollInterval);
        BaselineClient = new BaselineClient(baselineWorker.Services.GetRequiredService<DaprWorkflowClient>(), pollInterval);
    }

    private static TimeSpan ClientTimeout { get; } = TimeSpan.FromSeconds(100);

    public LocalDaprEnvironment Product { get; }

    public LocalDaprEnvironment Baseline { get; }

    public RestateRuntime Restate { get; }

    public ProductClient ProductClient { get; }

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
        var resources = WriteBaselineComponents();
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
            ResourcesPath = resources.FullName,
            DaprBinDirectory = binaries.Directory,
            Log = line => output.Add("[baseline] " + line),
        });

        IHost? worker = null;
        var restate = RestateRuntime.StartAsync(restateInstallation, output.Add, cancellationToken);
        try
        {
            log.Line($"starting the product (placement, scheduler, daprd, app) and the baseline (placement, scheduler, daprd) from {binaries.Directory}, and Restate (server, node service)");
            await Task.WhenAll(product.StartAsync(cancellationToken), baseline.StartAsync(cancellationToken), restate);
            log.Line($"product ready in {product.StartupDuration.TotalSeconds:0.0} s ({product.AppAssemblyPath}), baseline sidecar in {baseline.StartupDuration.TotalSeconds:0.0} s, " +
                $"Restate in {restate.Result.StartupDuration.TotalSeconds:0.0} s ({restate.Result.Versions}, ingress {restate.Result.IngressAddress})");

            worker = BuildWorker(baseline, output);
            await worker.StartAsync(cancellationToken);
            var runtime = new BenchRuntime(product, baseline, restate.Result, resources, worker, output, options.PollInterval);
            await runtime.WaitForBaselineWorkerAsync(options, cancellationToken);
            log.Line($"baseline workflow worker connected (in this process, pid {Environment.ProcessId})");
            return runtime;
        }
        catch
        {
            if (worker is not null)
            {
                await StopWorkerAsync(worker);
            }

            await product.DisposeAsync();
            await baseline.DisposeAsync();
            if (restate.IsCompletedSuccessfully)
            {
                await restate.Result.DisposeAsync();
            }

            DeleteQuietly(resources);
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
        await StopWorkerAsync(baselineWorker);
        productHttp.Dispose();
        restateHttp.Dispose();
        await Product.DisposeAsync();
        await Baseline.DisposeAsync();
        await Restate.DisposeAsync();
        DeleteQuietly(baselineResources);
        Output.Dispose();
    }

    private static IHost BuildWorker(LocalDaprEnvironment baseline, ProcessOutputLog output)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The SDK reads the sidecar's address from configuration before the environment: this process's own
        // environment stays untouched (the product's processes inherit it).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = baseline.DaprGrpcAddress.ToString().TrimEnd('/'),
            ["DAPR_HTTP_ENDPOINT"] = baseline.DaprHttpAddress.ToString().TrimEnd('/'),
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(output);
        builder.Services.AddDaprWorkflow(options => options.RegisterWorkflow<BaselineCounterWorkflow>());
        return builder.Build();
    }

    private static async Task StopWorkerAsync(IHost worker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await worker.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping is best effort; the sidecar goes next anyway.
        }

        worker.Dispose();
    }

    private static DirectoryInfo WriteBaselineComponents()
    {
        var folder = Directory.CreateTempSubdirectory("entityactors-bench-components-");

        // The same store as the product's (components/local): SQLite, relative to daprd's own data folder.
        File.WriteAllText(Path.Combine(folder.FullName, "statestore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.sqlite
              version: v1
              metadata:
                - name: connectionString
                  value: "baseline-state.db"
                - name: actorStateStore
                  value: "true"
                - name: timeout
                  value: "20s"
                - name: busyTimeout
                  value: "5s"
            scopes:
              - {BaselineAppId}
            """);
        return folder;
    }

    private static void DeleteQuietly(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private async Task WaitForBaselineWorkerAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        // A first instance proves the worker is connected: its status appears only once the worker ran its first turn.
        var probe = "warmup-" + Guid.NewGuid().ToString("N")[..12];
        await BaselineClient.ScheduleAsync(probe, options.ContinueAsNewAfterSignals, cancellationToken);
        await BaselineClient.WaitForCountAsync(probe, 0, TimeSpan.FromSeconds(60), cancellationToken);
    }
}
