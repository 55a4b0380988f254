using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

/// <summary>
/// Live while the sidecar has this app's workflow worker connected, or has been without it for less than
/// <see cref="HealthOptions.WorkflowWorkerGrace"/>. A sidecar that dropped the worker's stream and never took it back
/// (seen once after the app was killed and restarted under load: no worker for over a minute, the workflow actor types
/// unregistered) leaves the replica unable to run any workflow, and only a restart of the app brings the worker back.
/// An unreachable sidecar is the readiness check's business, never a reason to restart the app. One instance keeps the
/// time the worker went missing across checks.
/// </summary>
public sealed class WorkflowWorkerWatchdog(SidecarClient sidecar, TimeProvider time, IOptions<HealthOptions> options) : IHealthCheck
{
    private readonly Lock gate = new();
    private DateTimeOffset? missingSince = time.GetUtcNow();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int workers;
        try
        {
            workers = SidecarMetadata.ConnectedWorkflowWorkers(await sidecar.GetMetadataAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Healthy("The sidecar's metadata is unreachable; readiness says so, liveness does not restart for it.");
        }

        var now = time.GetUtcNow();
        TimeSpan missing;
        lock (gate)
        {
            missingSince = workers > 0 ? null : missingSince ?? now;
            missing = missingSince is { } since ? now - since : TimeSpan.Zero;
        }

        var grace = options.Value.WorkflowWorkerGrace;
        var data = new Dictionary<string, object> { ["connectedWorkers"] = workers, ["missingSeconds"] = Math.Round(missing.TotalSeconds, 1) };
        return workers > 0 || missing < grace
            ? HealthCheckResult.Healthy(workers > 0 ? "The workflow worker is connected." : "The workflow worker is not connected yet.", data)
            : HealthCheckResult.Unhealthy($"The sidecar has had no workflow worker of this app for {missing.TotalSeconds:0} s (grace {grace.TotalSeconds:0} s).", data: data);
    }
}
