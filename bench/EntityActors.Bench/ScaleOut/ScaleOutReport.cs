using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.ScaleOut;

/// <summary>Everything one scenario of the multi-replica run measured and checked, per side (<see cref="ScaleOutSide"/>).</summary>
public sealed record ScaleOutScenarioResult(
    string Id,
    string Title,
    string Method,
    double Seconds,
    IReadOnlyDictionary<string, SideResult> Sides,
    IReadOnlyList<ScaleOutRow> Rows,
    IReadOnlyList<BenchCheck> Checks,
    string? Error);

/// <summary>The multi-replica run as written with <c>--out</c>: the rows, the cost of n replicas against one, the raw figures.</summary>
/// <param name="Routing">How the senders picked a replica: <c>round-robin</c> or <c>entity</c> (<c>--routing</c>).</param>
/// <param name="Restate">Why there is no Restate column.</param>
public sealed record ScaleOutReport(
    DateTimeOffset StartedAt,
    double Seconds,
    string Mode,
    int Replicas,
    string Store,
    string Routing,
    string Restate,
    MachineInfo Machine,
    string? LoadAverageAtEnd,
    BenchSettings Settings,
    IReadOnlyList<ScaleOutScenarioResult> Scenarios,
    IReadOnlyList<ScaleOutCost> Costs)
{
    public const string NoRestate = "not part of the multi-replica run (one Restate node against n product replicas would compare nothing the default run does not)";

    public IEnumerable<ScaleOutRow> Rows => Scenarios.SelectMany(s => s.Rows);

    public IEnumerable<BenchCheck> Checks => Scenarios.SelectMany(s => s.Checks);

    public bool AllChecksPassed => Scenarios.All(s => s.Error is null) && Checks.All(c => c.Passed);
}
