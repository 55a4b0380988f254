namespace EntityActors.App.Cluster;

/// <summary>A Dapr component as the sidecar's metadata lists it.</summary>
public sealed record ComponentIdentity(string Name, string Type, string Version)
{
    public override string ToString() => $"{Type}/{Version}";
}
