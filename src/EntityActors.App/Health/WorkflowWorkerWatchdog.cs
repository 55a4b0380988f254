using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

/// <summary>
/// Watches whether the sidecar has this app's workflow worker connected. A sidecar can lose count of it: seen after the
/// app was killed and restarted under load, the old worker's stream was cleaned up after the new one connected, and the
/// sidecar reported no worker and unregistered the workflow actor types while the new stream stayed open, so no
/// workflow ran. After <see cref="HealthOptions.WorkflowWorkerReconnectAfter"/> without a worker the watchdog restarts
/// the worker (a new stream, which the sidecar counts); after <see cref="HealthOptions.SidecarRestartAfter"/> it asks the
/// sidecar to shut down, for the case where only the sidecar's restart helps; after
/// <see cref="HealthOptions.WorkflowWorkerGrace"/> liveness fails, so that the orchestrator restarts the app. An
/// unreachable sidecar is the readiness check's business, never a reason for any of these.
/// </summary>
public sealed partial class WorkflowWorkerWatchdog(
    SidecarClient sidecar, TimeProvider time, IOptions<HealthOptions> options, Func<CancellationToken, Task> reconnectWorker, ILogger<WorkflowWorkerWatchdog> logger)
    : BackgroundService, IHealthCheck
{
    private readonly Lock gate = new();
    private DateTimeOffset? missingSince = time.GetUtcNow();
    private DateTimeOffset? lastReconnect;
    private bool sidecarShutdownRequested;
    private int workers;

    /// <summary>Reads the sidecar's count of this app's workflow workers once, and reconnects the worker when it is overdue.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        int connected;
        try
        {
            connected = SidecarMetadata.ConnectedWorkflowWorkers(await sidecar.GetMetadataAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Nothing known: the grace starts again once the sidecar answers.
            lock (gate)
            {
                missingSince = null;
                sidecarShutdownRequested = false;
            }

            return;
        }

        var now = time.GetUtcNow();
        TimeSpan missing;
        bool reconnect;
        bool restartSidecar;
        lock (gate)
        {
            workers = connected;
            missingSince = connected > 0 ? null : missingSince ?? now;
            sidecarShutdownRequested &= connected == 0;
            missing = missingSince is { } since ? now - since : TimeSpan.Zero;
            var interval = options.Value.WorkflowWorkerReconnectAfter;
            reconnect = missing >= interval && (lastReconnect is not { } last || now - last >= interval);
            if (reconnect)
            {
                lastReconnect = now;
            }

            restartSidecar = !sidecarShutdownRequested && lastReconnect is not null
                && options.Value.SidecarRestartAfter is { } restartAfter && missing >= restartAfter;
            sidecarShutdownRequested |= restartSidecar;
        }

        if (reconnect)
        {
            LogReconnecting(logger, missing.TotalSeconds);
            await reconnectWorker(cancellationToken);
        }

        if (restartSidecar)
        {
            LogRestartingSidecar(logger, missing.TotalSeconds);
            await sidecar.ShutdownAsync(cancellationToken);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan missing;
        int connected;
        lock (gate)
        {
            connected = workers;
            missing = missingSince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
        }

        var grace = options.Value.WorkflowWorkerGrace;
        var data = new Dictionary<string, object> { ["connectedWorkers"] = connected, ["missingSeconds"] = Math.Round(missing.TotalSeconds, 1) };
        return Task.FromResult(missing < grace
            ? HealthCheckResult.Healthy(connected > 0 ? "The workflow worker is connected." : "The workflow worker is not connected yet.", data)
            : HealthCheckResult.Unhealthy($"The sidecar has had no workflow worker of this app for {missing.TotalSeconds:0} s (grace {grace.TotalSeconds:0} s).", data: data));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkflowWorkerPollInterval, time);
        try
        {
            do
            {
                try
                {
                    await ObserveAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogObserveFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Restarts the workflow SDK's worker (a hosted service the SDK keeps internal): it opens a new stream to the sidecar.</summary>
    public static Func<CancellationToken, Task> RestartHostedWorker(IServiceProvider services) => async cancellationToken =>
    {
        foreach (var worker in services.GetServices<IHostedService>().Where(service => service.GetType().FullName == "Dapr.Workflow.Worker.WorkflowWorker"))
        {
            await worker.StopAsync(cancellationToken);
            await worker.StartAsync(cancellationToken);
        }
    };

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "The sidecar has reported no workflow worker of this app for {Seconds:0} s; reconnecting the worker")]
    private static partial void LogReconnecting(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "The sidecar has counted no workflow worker of this app for {Seconds:0} s, reconnects notwithstanding; asking it to shut down so that it is restarted")]
    private static partial void LogRestartingSidecar(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Watching the workflow worker failed")]
    private static partial void LogObserveFailed(ILogger logger, Exception exception);
}
