namespace EntityActors.LocalRuntime;

/// <summary>What every replica of one environment shares: its options, programs and paths, control plane and lock.</summary>
internal sealed record ReplicaContext
{
    public required LocalDaprEnvironmentOptions Options { get; init; }

    public required LocalDaprLayout Layout { get; init; }

    public required LocalControlPlane ControlPlane { get; init; }

    public required Readiness Readiness { get; init; }

    public required Lifecycle Lifecycle { get; init; }

    public required int ReplicaCount { get; init; }

    /// <summary>Variables every sidecar gets on top of the usual ones, e.g. the store's connection for a secret reference.</summary>
    public required IReadOnlyDictionary<string, string> DaprdEnvironment { get; init; }

    /// <summary>Variables every app gets on top of the usual ones, e.g. the store server's address for its own connections.</summary>
    public required IReadOnlyDictionary<string, string> AppEnvironment { get; init; }
}
