using System.Text.Json;

namespace EntityActors.App.Health;

/// <summary>What the health checks read off the sidecar's metadata (<c>GET /v1.0/metadata</c>).</summary>
public static class SidecarMetadata
{
    /// <summary>Workflow workers connected to the sidecar (0 when the field is absent).</summary>
    public static int ConnectedWorkflowWorkers(JsonElement metadata) =>
        metadata.TryGetProperty("workflows", out var workflows)
        && workflows.TryGetProperty("connectedWorkers", out var connected)
        && connected.TryGetInt32(out var count) ? count : 0;
}
