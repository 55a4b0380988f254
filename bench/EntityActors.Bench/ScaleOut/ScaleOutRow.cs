namespace EntityActors.Bench.ScaleOut;

/// <summary>One line of the multi-replica table: a figure for n replicas, one replica and bare Dapr, and the ratios.</summary>
/// <param name="VsSingle">n replicas ÷ one replica: above 1 is better for rates, below 1 for times and CPU.</param>
/// <param name="VsBaseline">n replicas ÷ bare Dapr, read the same way.</param>
public sealed record ScaleOutRow(
    string Scenario, string Metric, string Unit, double? Replicas, double? Single, double? Baseline, double? VsSingle, double? VsBaseline)
{
    public static ScaleOutRow Create(string scenario, string metric, string unit, double? replicas, double? single, double? baseline) =>
        new(scenario, metric, unit, Round(replicas), Round(single), Round(baseline), Quotient(replicas, single), Quotient(replicas, baseline));

    private static double? Quotient(double? value, double? other) =>
        value is { } v && other is { } o && double.IsFinite(v) && double.IsFinite(o) && v > 0 && o > 0 ? Math.Round(v / o, 2) : null;

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, v >= 100 ? 1 : 2) : null;
}
