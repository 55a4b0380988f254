using System.Diagnostics;

namespace EntityActors.Bench.Reporting;

/// <summary>Collects a scenario's rows, checks and raw figures while it runs.</summary>
/// <param name="sides">The sides it measures; the three of <see cref="BenchSide"/> unless told.</param>
public sealed class ScenarioRecorder(string id, string title, string method, IReadOnlyList<string>? sides = null)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly List<BenchRow> rows = [];
    private readonly List<BenchCheck> checks = [];
    private readonly Dictionary<string, Dictionary<string, double>> figures = (sides ?? BenchSide.All).ToDictionary(side => side, _ => new Dictionary<string, double>());
    private readonly Dictionary<string, long> counts = (sides ?? BenchSide.All).ToDictionary(side => side, _ => 0L);
    private readonly Lock gate = new();

    public string Id => id;

    public string Title => title;

    public string Method => method;

    /// <summary>Seconds since the scenario started, to a tenth.</summary>
    public double Seconds => Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1);

    /// <summary>A line of the table; <paramref name="restate"/> is null where Restate has no fair equivalent (the docs say why).</summary>
    public void Row(string metric, string unit, double? product, double? baseline, double? restate, params BenchTarget[] targets) =>
        rows.Add(BenchRow.Create(id, metric, unit, product, baseline, restate, targets));

    public bool Check(string side, string what, bool passed, string detail)
    {
        lock (gate)
        {
            checks.Add(new BenchCheck(id, side, what, passed, detail));
        }

        return passed;
    }

    public void Figure(string side, string name, double value)
    {
        // JSON has no NaN: a figure that could not be computed is left out.
        if (double.IsFinite(value))
        {
            lock (gate)
            {
                figures[side][name] = Math.Round(value, 3);
            }
        }
    }

    public void Count(string side, long count)
    {
        lock (gate)
        {
            counts[side] += count;
        }
    }

    public ScenarioResult Finish(string? error = null) =>
        new(id, title, method, Seconds,
            Side(BenchSide.Product), Side(BenchSide.Baseline), Side(BenchSide.Restate), rows, checks, error);

    /// <summary>Every side's count and figures, by side name.</summary>
    public IReadOnlyDictionary<string, SideResult> Sides() => counts.Keys.ToDictionary(side => side, Side);

    /// <summary>The checks made so far.</summary>
    public IReadOnlyList<BenchCheck> Checks()
    {
        lock (gate)
        {
            return checks.ToList();
        }
    }

    private SideResult Side(string side) => new(counts[side], figures[side]);
}
