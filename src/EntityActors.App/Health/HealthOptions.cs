using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Health;

/// <summary>Tunables of the health checks (section <c>EntityActors:Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "EntityActors:Health";

    /// <summary>
    /// How long the sidecar may report no connected workflow worker for this app (from start, or from when it lost it)
    /// before the liveness check fails and the orchestrator restarts the app.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan WorkflowWorkerGrace { get; set; } = TimeSpan.FromSeconds(60);
}
