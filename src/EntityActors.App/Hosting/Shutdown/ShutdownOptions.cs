using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Hosting.Shutdown;

/// <summary>How a replica stops on SIGTERM (section <c>EntityActors:Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "EntityActors:Shutdown";

    /// <summary>
    /// How long the replica keeps its port open after SIGTERM while it drains: it reports unhealthy (so its sidecar,
    /// blocked from shutting down until then, hands its actors to the other replicas), refuses new signals with 503 and
    /// Retry-After, keeps serving its entities' actor calls, and closes every connection after its response (so clients
    /// open new ones elsewhere rather than reuse one that is about to go). Longer than the sidecar's app health probe
    /// interval times its threshold; then the port closes (new connections are refused) and requests in flight finish.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Bound on the whole stop after the drain: requests in flight, the relay, the workflow worker. Keep the drain plus
    /// this under the pod's termination grace period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
