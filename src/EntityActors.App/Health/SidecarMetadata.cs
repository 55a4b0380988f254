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

    /// <summary>What the sidecar says of its actor runtime's placement connection (<c>placement: connected</c>); null when absent.</summary>
    public static string? Placement(JsonElement metadata) =>
        metadata.TryGetProperty("actorRuntime", out var actors) && actors.TryGetProperty("placement", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;

    /// <summary>Whether the actor runtime is connected to placement.</summary>
    public static bool PlacementConnected(JsonElement metadata) =>
        Placement(metadata) is { } placement
        && placement.Contains("connected", StringComparison.OrdinalIgnoreCase)
        && !placement.Contains("disconnected", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the actor runtime is connected to placement and reports its host ready to take actors.</summary>
    public static bool HostsActors(JsonElement metadata) =>
        PlacementConnected(metadata)
        && metadata.GetProperty("actorRuntime").TryGetProperty("hostReady", out var ready) && ready.ValueKind == JsonValueKind.True;
}
