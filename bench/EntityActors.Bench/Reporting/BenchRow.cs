namespace EntityActors.Bench.Reporting;

/// <summary>One line of the table: a figure for the product and the baseline, their ratio and the target.</summary>
/// <param name="Ratio">Product ÷ baseline: above 1 is better for rates, below 1 is better for times and memory.</param>
public sealed record BenchRow(
    string Scenario,
    string Metric,
    string Unit,
    double? Product,
    double? Baseline,
    double? Ratio,
    BenchTarget? Target,
    bool? Met)
{
    public static BenchRow Create(string scenario, string metric, string unit, double? product, double? baseline, BenchTarget? target = null)
    {
        product = Finite(product);
        baseline = Finite(baseline);
        return new(scenario, metric, unit, Round(product), Round(baseline),
            // A ratio of a negative or zero figure (memory that shrank, a cost lost in noise) means nothing.
            product is { } p && baseline is { } b && p > 0 && b > 0 ? Math.Round(p / b, 2) : null,
            target, target?.IsMet(product, baseline));
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, v >= 100 ? 1 : 2) : null;
}
