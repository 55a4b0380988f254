using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Scenarios.Answered;

/// <summary>One side's round of the answered scenario: its timing and the time each sender waited for each answer.</summary>
public sealed record AnsweredRound(SideRound Timing, IReadOnlyList<double> AnswerMs, int Rejected)
{
    public LatencySummary Answers => LatencySummary.Of(AnswerMs.ToList());
}
