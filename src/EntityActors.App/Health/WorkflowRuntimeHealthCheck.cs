using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>
/// Ready only when this app's workflow worker is connected to the sidecar and the sidecar's actor runtime
/// (which hosts workflows and the entity actors) reports its placement connection.
/// </summary>
public sealed class WorkflowRuntimeHealthCheck(SidecarClient sidecar) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        JsonElement metadata;
        try
        {
            metadata = await sidecar.GetMetadataAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return HealthCheckResult.Unhealthy("The sidecar's metadata is unreachable.", ex);
        }

        var workers = SidecarMetadata.ConnectedWorkflowWorkers(metadata);
        var placement = SidecarMetadata.Placement(metadata);
        var data = new Dictionary<string, object> { ["connectedWorkers"] = workers, ["placement"] = placement ?? "unknown" };
        return workers > 0 && SidecarMetadata.PlacementConnected(metadata)
            ? HealthCheckResult.Healthy("Workflow worker and actor runtime are connected.", data)
            : HealthCheckResult.Unhealthy(
                $"The workflow worker or the actor runtime is not connected yet (connected workers: {workers}, actor runtime: {placement ?? "unknown"}).",
                data: data);
    }
}
