using System.Globalization;

namespace EntityActors.ReadModelBench;

/// <summary>p50 / p99 / max of a set of durations in milliseconds.</summary>
public sealed record Percentiles(double P50, double P99, double Max, int Count)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(At(0.50), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1], sorted.Length);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.00} ms, p99 {P99:0.00} ms, max {Max:0.00} ms (n={Count})");
}
