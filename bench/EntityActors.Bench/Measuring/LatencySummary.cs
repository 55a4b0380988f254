namespace EntityActors.Bench.Measuring;

/// <summary>Percentiles of a series of durations, in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        double Rank(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, sorted.Average(), Rank(50), Rank(90), Rank(99), sorted[^1]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} p50={P50:0.0} ms p90={P90:0.0} ms p99={P99:0.0} ms max={Max:0.0} ms");
}
