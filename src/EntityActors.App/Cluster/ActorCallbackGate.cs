using EntityActors.App.Http;

namespace EntityActors.App.Cluster;

/// <summary>
/// Until the comparison has passed, the sidecar's calls to this replica's entity actors are refused (503; the caller's
/// replica answers its client with a retriable 503): placement may already have moved entities here, and a replica on
/// another database must not activate them there. The probe actor, which the comparison itself needs, is let through.
/// </summary>
public sealed class ActorCallbackGate(RequestDelegate next, ClusterAgreement agreement)
{
    private static readonly PathString Actors = "/actors";
    private static readonly PathString ProbeActor = $"/actors/{nameof(ReplicaProbeActor)}";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (agreement.Agreed
            || !path.StartsWithSegments(Actors, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(ProbeActor, StringComparison.OrdinalIgnoreCase)
            || path.Equals(Actors, StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsDelete(context.Request.Method))
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = "1";
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, "replica-not-agreed", "This replica is not serving entities yet.",
            agreement.Refusal ?? "It is still comparing its components with the other replicas'.").ExecuteAsync(context);
    }
}
