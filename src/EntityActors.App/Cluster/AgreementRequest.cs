namespace EntityActors.App.Cluster;

/// <summary>
/// A starting replica's question to a probe actor: its fingerprint, and a marker it has just written to each of its
/// state stores, which the answering replica looks for in its own (same name and type can still be another database).
/// </summary>
public sealed record AgreementRequest
{
    public required ReplicaFingerprint Caller { get; init; }

    public required string MarkerKey { get; init; }

    public required string MarkerValue { get; init; }
}
