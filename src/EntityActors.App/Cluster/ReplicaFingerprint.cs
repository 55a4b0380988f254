namespace EntityActors.App.Cluster;

/// <summary>What a replica runs on: its sidecar's components and the component names the app is configured with.</summary>
public sealed record ReplicaFingerprint
{
    /// <summary>Names the replica in messages: its host, process and listening addresses.</summary>
    public required string Replica { get; init; }

    public required IReadOnlyList<ComponentIdentity> Components { get; init; }

    public required string StateStore { get; init; }

    public required string EntityStore { get; init; }

    public required string PubSub { get; init; }
}
