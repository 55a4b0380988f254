namespace EntityActors.Bench.Reporting;

/// <summary>Everything one scenario measured and checked, as written to the JSON report.</summary>
public sealed record ScenarioResult(
    string Id,
    string Title,
    string Method,
    double Seconds,
    SideResult Product,
    SideResult Baseline,
    SideResult Restate,
    IReadOnlyList<BenchRow> Rows,
    IReadOnlyList<BenchCheck> Checks,
    string? Error);
