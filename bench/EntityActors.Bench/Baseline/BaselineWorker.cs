using Dapr.Workflow;
using EntityActors.LocalRuntime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EntityActors.Bench.Baseline;

/// <summary>
/// The bare baseline's workflow worker, hosted in the bench process and connected to the baseline's sidecar, with the
/// <see cref="BaselineClient"/> that drives it.
/// </summary>
public sealed class BaselineWorker : IAsyncDisposable
{
    private readonly IHost host;

    private BaselineWorker(IHost host, TimeSpan pollInterval)
    {
        this.host = host;
        Client = new BaselineClient(host.Services.GetRequiredService<DaprWorkflowClient>(), pollInterval);
    }

    public BaselineClient Client { get; }

    /// <summary>Starts the worker and returns once a first instance ran its first turn (the worker is connected).</summary>
    public static async Task<BaselineWorker> StartAsync(
        LocalDaprEnvironment sidecar, ILoggerProvider logs, TimeSpan pollInterval, int continueAsNewAfterSignals, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The SDK reads the sidecar's address from configuration before the environment: this process's own
        // environment stays untouched (the product's processes inherit it).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = sidecar.DaprGrpcAddress.ToString().TrimEnd('/'),
            ["DAPR_HTTP_ENDPOINT"] = sidecar.DaprHttpAddress.ToString().TrimEnd('/'),
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddDaprWorkflow(options => options.RegisterWorkflow<BaselineCounterWorkflow>());
        var worker = new BaselineWorker(builder.Build(), pollInterval);
        try
        {
            await worker.host.StartAsync(cancellationToken);

            // A first instance proves the worker is connected: its status appears only once the worker ran its first turn.
            var probe = "warmup-" + Guid.NewGuid().ToString("N")[..12];
            await worker.Client.ScheduleAsync(probe, continueAsNewAfterSignals, cancellationToken);
            await worker.Client.WaitForCountAsync(probe, 0, TimeSpan.FromSeconds(60), cancellationToken);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping is best effort; the sidecar goes next anyway.
        }

        host.Dispose();
    }
}
