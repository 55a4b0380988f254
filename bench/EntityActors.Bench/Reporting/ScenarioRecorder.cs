using System.Diagnostics;

namespace EntityActors.Bench.Reporting;

/// <summary>Collects a scenario's rows, checks and raw figures while it runs.</summary>
public sealed class ScenarioRecorder(string id, string title, string method)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly List<BenchRow> rows = [];
    private readonly List<BenchCheck> checks = [];
    private readonly Dictionary<string, double> productFigures = [];
    private readonly Dictionary<string, double> baselineFigures = [];
    private long productCount;
    private long baselineCount;

    public string Id => id;

    public void Row(string metric, string unit, double? product, double? baseline, BenchTarget? target = null) =>
        rows.Add(BenchRow.Create(id, metric, unit, product, baseline, target));

    public bool Check(string side, string what, bool passed, string detail)
    {
        checks.Add(new BenchCheck(id, side, what, passed, detail));
        return passed;
    }

    public void Figure(string side, string name, double value)
    {
        // JSON has no NaN: a figure that could not be computed is left out.
        if (double.IsFinite(value))
        {
            (side == BenchSide.Product ? productFigures : baselineFigures)[name] = Math.Round(value, 3);
        }
    }

    public void Count(string side, long count)
    {
        if (side == BenchSide.Product)
        {
            productCount += count;
        }
        else
        {
            baselineCount += count;
        }
    }

    public ScenarioResult Finish(string? error = null) =>
        new(id, title, method, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
            new SideResult(productCount, productFigures), new SideResult(baselineCount, baselineFigures),
            rows, checks, error);
}
