namespace EntityActors.App.Cluster;

/// <summary>The answering replica's fingerprint and, per state store of its own, whether it holds the caller's marker.</summary>
public sealed record AgreementAnswer
{
    public required ReplicaFingerprint Host { get; init; }

    public required IReadOnlyDictionary<string, bool> MarkerSeen { get; init; }
}
