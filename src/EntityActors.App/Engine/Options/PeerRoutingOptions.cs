using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Engine.Options;

/// <summary>
/// How a replica hands a signal straight to the replica whose actor is the entity's single writer (section
/// <c>EntityActors:PeerRouting</c>), rather than through its sidecar and the owner's: one hop instead of three.
/// </summary>
public sealed class PeerRoutingOptions
{
    public const string Section = "EntityActors:PeerRouting";

    /// <summary>
    /// The address other replicas reach this replica's app on (in Kubernetes the pod's IP and the app's port), named in
    /// the answers of writers active here so the callers can come straight back. Unset: this replica names none, and
    /// every signal for an entity hosted elsewhere goes through the sidecars, as placement routes it.
    /// </summary>
    public Uri? DirectAddress { get; set; }

    /// <summary>
    /// Names the replica that holds an entity's writer (its <see cref="DirectAddress"/>) in the <c>Entity-Writer</c>
    /// header of every answer to a signal, so a client that can reach the replicas' own addresses (inside the cluster)
    /// sends that entity's next requests straight there: no hand-over between replicas. Off by default: the addresses
    /// are the pods' own, meaningless (and not to be shown) beyond the cluster.
    /// </summary>
    public bool AdvertiseToClients { get; set; }

    /// <summary>How long a learned writer address is used before the sidecar route is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HintLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most entities whose writer address a replica remembers; past it, the oldest half is forgotten.</summary>
    [Range(16, 10_000_000)]
    public int MaxHints { get; set; } = 100_000;
}
