using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Cluster;

/// <summary>The start-up check that every replica runs on the same components (section <c>EntityActors:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "EntityActors:Cluster";

    /// <summary>Compare this replica's components with the other replicas' before it becomes ready.</summary>
    public bool AgreementCheck { get; set; } = true;

    /// <summary>
    /// How many probe actors to ask: placement spreads them over the replicas, so with several the chance that all land
    /// on the starting replica itself (which would tell it nothing) is negligible.
    /// </summary>
    [Range(1, 256)]
    public int ProbeActors { get; set; } = 16;

    /// <summary>Bound on one probe call; a replica that does not answer in time is left out of the comparison.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on waiting for the sidecar's actor runtime before probing; past it the replica gives up and stops.</summary>
    public TimeSpan SidecarTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
