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

    /// <summary>How long the sidecar may report no workflow worker before the app reconnects its worker (and again after as long).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkflowWorkerReconnectAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the sidecar may count no workflow worker of this app, reconnects notwithstanding, before the app asks it
    /// to shut down so that its orchestrator restarts it (Kubernetes restarts the sidecar container); null never does.
    /// daprd 1.18.1 sometimes never takes a restarted app's worker back (it stops registering the workflow actor types),
    /// and only its own restart clears that: the app's restart, which liveness brings later, does not.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan? SidecarRestartAfter { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// How long one check may take before it counts as unhealthy ("did not answer"), so that <c>/healthz</c> and
    /// <c>/readyz</c> answer, with every other check's result, before a probe gives up on them: the kubelet's probes wait
    /// 2 s (deploy/base). The liveness checks read memory only, well within daprd's app health probe (900 ms).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:01.900")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How often a readiness or liveness failure that lasts is logged again (its change is logged at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LastingFailureLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the app reads the sidecar's count of its workflow workers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WorkflowWorkerPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
