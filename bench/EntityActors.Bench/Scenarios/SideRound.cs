using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// One side's figures in one round of a scenario that alternates rounds between the sides (a round is at the mercy of
/// one slow phase on any side, so each side's median is what the row reports).
/// </summary>
/// <param name="AcknowledgedMs">From the first send until the last one returned.</param>
/// <param name="AppliedMs">From the first send until every signal was seen applied.</param>
/// <param name="CpuSeconds">
/// CPU of the side's own processes over the measured window (<see cref="SideCpu.SideSeconds"/>): the timed part and, for
/// the product, on until <paramref name="WorkflowCaughtUpMs"/>.
/// </param>
/// <param name="WorkflowCaughtUpMs">
/// The product's only: from the first send until every entity's workflow showed all of the round's signals, the work
/// its relay defers past the answer (a lingered raise, then an episode of the workflow).
/// </param>
/// <param name="ContextSwitches">Context switches of the same processes over the same window (<see cref="SideCpu.SideSwitches"/>).</param>
public sealed record SideRound(
    int Number, int Signals, double AcknowledgedMs, double AppliedMs, double? CpuSeconds, double? WorkflowCaughtUpMs = null, double? ContextSwitches = null)
{
    public double AcknowledgedPerSecond => Signals / (AcknowledgedMs / 1000);

    public double AppliedPerSecond => Signals / (AppliedMs / 1000);

    public double? CpuPerThousand => BenchContext.PerThousand(CpuSeconds, Signals);

    public double? SwitchesPerSignal => ContextSwitches is { } switches && Signals > 0 ? switches / Signals : null;

    /// <summary>The median context switches per signal of <paramref name="rounds"/>; null unless every round has them.</summary>
    public static double? MedianSwitchesPerSignal(IReadOnlyList<SideRound> rounds) =>
        rounds.Count > 0 && rounds.All(r => r.SwitchesPerSignal is not null) ? Median(rounds.Select(r => r.SwitchesPerSignal!.Value)) : null;

    /// <summary>
    /// Records each round's figures (when there are several) and the medians under <paramref name="prefix"/>; returns the
    /// median applied rate and the median CPU seconds per 1,000 signals.
    /// </summary>
    public static (double Rate, double? CpuPerThousand) Record(ScenarioRecorder recorder, string side, IReadOnlyList<SideRound> rounds, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(rounds);
        foreach (var round in rounds.Count > 1 ? rounds : [])
        {
            recorder.Figure(side, $"{prefix}round{round.Number}.appliedPerSecond", round.AppliedPerSecond);
            recorder.Figure(side, $"{prefix}round{round.Number}.acknowledgedPerSecond", round.AcknowledgedPerSecond);
            if (round.CpuPerThousand is { } cpu)
            {
                recorder.Figure(side, $"{prefix}round{round.Number}.cpuSecondsPer1000", cpu);
            }

            if (round.WorkflowCaughtUpMs is { } caughtUp)
            {
                recorder.Figure(side, $"{prefix}round{round.Number}.allAppliedMs", round.AppliedMs);
                recorder.Figure(side, $"{prefix}round{round.Number}.workflowCaughtUpMs", caughtUp);
            }
        }

        var rate = Median(rounds.Select(r => r.AppliedPerSecond));
        var cpuPerThousand = rounds.All(r => r.CpuPerThousand is not null) ? Median(rounds.Select(r => r.CpuPerThousand!.Value)) : (double?)null;
        recorder.Count(side, rounds.Sum(r => r.Signals));
        recorder.Figure(side, prefix + "appliedPerSecond", rate);
        recorder.Figure(side, prefix + "acknowledgedPerSecond", Median(rounds.Select(r => r.AcknowledgedPerSecond)));
        recorder.Figure(side, prefix + "allAppliedMs", Median(rounds.Select(r => r.AppliedMs)));
        if (rounds.Count > 0 && rounds.All(r => r.WorkflowCaughtUpMs is not null))
        {
            // Each round's is at least its applied time, so the medians keep that order too.
            recorder.Figure(side, prefix + "workflowCaughtUpMs", Median(rounds.Select(r => r.WorkflowCaughtUpMs!.Value)));
        }
        if (cpuPerThousand is { } median)
        {
            recorder.Figure(side, prefix + "cpuSecondsPer1000", median);
        }

        if (MedianSwitchesPerSignal(rounds) is { } switches)
        {
            recorder.Figure(side, prefix + "contextSwitchesPerSignal", switches);
        }

        return (rate, cpuPerThousand);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
