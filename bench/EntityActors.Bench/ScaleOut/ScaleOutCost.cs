using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// The figure to watch in the multi-replica run: what n replicas cost against one on the same cores, where they can
/// only share the work, not add to it (on 2 cores nothing can show scaling).
/// </summary>
/// <param name="LostPercent">Signals/s n replicas did not reach of one replica's (median rates): 100 × (1 − n ÷ 1); negative when they did more.</param>
/// <param name="ExtraCpuPercent">CPU per 1,000 signals n replicas spent above one replica's: 100 × (n ÷ 1 − 1).</param>
/// <param name="Met">Whether <paramref name="LostPercent"/> is under the goal; null when a rate is missing.</param>
/// <param name="RoundLostPercent">
/// The same loss round by round: each n-replica round against the one-replica round right after it, on the machine as
/// it was then. Its spread is how far one run's figure can be trusted on a machine whose speed drifts.
/// </param>
public sealed record ScaleOutCost(
    string Scenario, int Replicas, double? LostPercent, double? ExtraCpuPercent, BenchTarget Target, bool? Met, IReadOnlyList<double> RoundLostPercent)
{
    /// <summary>The goal: n replicas lose less than a fifth of one replica's signals/s on the same cores.</summary>
    public static BenchTarget Goal { get; } = BenchTarget.LessThan(20, "% lost");

    public static ScaleOutCost Of(
        string scenario, int replicas, double replicasRate, double singleRate, double? replicasCpu, double? singleCpu,
        IReadOnlyList<double> replicasRounds, IReadOnlyList<double> singleRounds)
    {
        double? lost = Lost(replicasRate, singleRate);
        double? extra = replicasCpu is { } n && singleCpu is { } one && one > 0 ? Math.Round(100 * ((n / one) - 1), 1) : null;
        var rounds = replicasRounds.Zip(singleRounds, Lost).OfType<double>().ToList();
        return new ScaleOutCost(scenario, replicas, lost, extra, Goal, Goal.IsMet(lost, null, null), rounds);
    }

    private static double? Lost(double replicasRate, double singleRate) =>
        double.IsFinite(replicasRate) && singleRate > 0 ? Math.Round(100 * (1 - (replicasRate / singleRate)), 1) : null;
}
