using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.ScaleOut;

/// <summary>The sides of the multi-replica run, as figures and checks name them.</summary>
public static class ScaleOutSide
{
    /// <summary>The product on several replicas sharing the store, its senders spread over their URLs.</summary>
    public const string Replicas = "replicas";

    /// <summary>The product on one replica, on a store of the same kind.</summary>
    public const string Single = "single";

    /// <summary>The bare Dapr workflow on a store of the same kind.</summary>
    public const string Baseline = BenchSide.Baseline;

    public static IReadOnlyList<string> All { get; } = [Replicas, Single, Baseline];
}
