namespace EntityActors.Bench.Reporting;

/// <summary>One line of the table: a figure for the product, the bare Dapr baseline and Restate, the ratios and the targets.</summary>
/// <param name="Ratio">Product ÷ bare Dapr: above 1 is better for rates, below 1 is better for times, memory and CPU.</param>
/// <param name="VsRestate">Product ÷ Restate, read the same way.</param>
/// <param name="Met">Whether the product met every target; null when a figure a target needs was not measured.</param>
public sealed record BenchRow(
    string Scenario,
    string Metric,
    string Unit,
    double? Product,
    double? Baseline,
    double? Restate,
    double? Ratio,
    double? VsRestate,
    IReadOnlyList<BenchTarget> Targets,
    IReadOnlyList<bool?> TargetsMet,
    bool? Met)
{
    public static BenchRow Create(string scenario, string metric, string unit, double? product, double? baseline, double? restate, IReadOnlyList<BenchTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        product = Finite(product);
        baseline = Finite(baseline);
        restate = Finite(restate);
        var met = targets.Select(target => target.IsMet(product, baseline, restate)).ToList();
        return new(scenario, metric, unit, Round(product), Round(baseline), Round(restate),
            Quotient(product, baseline), Quotient(product, restate), targets, met,
            met.Count == 0 || met.Any(m => m is null) ? (met.Any(m => m == false) ? false : null) : met.All(m => m == true));
    }

    // A ratio of a negative or zero figure (memory that shrank, a cost lost in noise) means nothing.
    private static double? Quotient(double? product, double? other) =>
        product is { } p && other is { } o && p > 0 && o > 0 ? Math.Round(p / o, 2) : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, v >= 100 ? 1 : 2) : null;
}
