using EntityActors.App.Engine.Intake;
using EntityActors.App.Subscriptions;

namespace EntityActors.App.Security;

/// <summary>The paths the Dapr sidecar calls on the app, and the probes' paths: what the two access checks tell apart.</summary>
public static class DaprCallbackPaths
{
    // /dapr/config and /dapr/subscribe, the actor runtime's /actors/*, and the pub/sub deliveries; and the other replicas'
    // hand-offs to a writer active here (PeerWriterEndpoint), which carry the same token.
    private static readonly PathString[] Callbacks =
        ["/dapr", "/actors", new(SignalSubscription.Route[..SignalSubscription.Route.LastIndexOf('/')]), PeerWriterEndpoint.Prefix];

    private static readonly PathString[] Probes = ["/healthz", "/readyz"];

    public static bool IsDaprCallback(PathString path) => Callbacks.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public static bool IsProbe(PathString path) => Probes.Any(probe => path.StartsWithSegments(probe, StringComparison.OrdinalIgnoreCase));
}
