namespace EntityActors.App.Cluster;

/// <summary>Where this replica's start-up comparison stands; read by readiness and by the actor callback gate.</summary>
public sealed class ClusterAgreement
{
    private volatile string? refusal;
    private volatile bool agreed;

    /// <summary>True once the replica compared its components with the others' and found no difference (or was told not to check).</summary>
    public bool Agreed => agreed;

    /// <summary>Why this replica refuses to run, or null.</summary>
    public string? Refusal => refusal;

    public void Agree() => agreed = true;

    public void Refuse(string reason) => refusal = reason;
}
