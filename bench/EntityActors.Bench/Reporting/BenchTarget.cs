using System.Globalization;
using System.Text.Json.Serialization;

namespace EntityActors.Bench.Reporting;

/// <summary>A goal from the issues, printed beside the figure it applies to. Never lowered to match a run.</summary>
public sealed record BenchTarget(BenchTargetKind Kind, double Value, string Unit)
{
    public static BenchTarget AtMost(double value, string unit) => new(BenchTargetKind.AtMost, value, unit);

    public static BenchTarget AtLeast(double value, string unit) => new(BenchTargetKind.AtLeast, value, unit);

    public static BenchTarget LessThan(double value, string unit) => new(BenchTargetKind.LessThan, value, unit);

    public static BenchTarget TimesBaseline(double factor) => new(BenchTargetKind.AtLeastTimesBaseline, factor, "×");

    public static BenchTarget TimesRestate(double factor) => new(BenchTargetKind.AtLeastTimesRestate, factor, "×");

    public static BenchTarget NoMoreThanRestate() => new(BenchTargetKind.AtMostRestate, 1, "×");

    [JsonPropertyName("text")]
    public string Text => Kind switch
    {
        BenchTargetKind.AtMost => Invariant($"≤ {Value:0.##} {Unit}"),
        BenchTargetKind.AtLeast => Invariant($"≥ {Value:0.##} {Unit}"),
        BenchTargetKind.LessThan => Invariant($"< {Value:0.##} {Unit}"),
        BenchTargetKind.AtLeastTimesBaseline => Invariant($"≥ {Value:0.##}× bare"),
        BenchTargetKind.AtLeastTimesRestate => Invariant($"≥ {Value:0.##}× Restate"),
        _ => "≤ Restate",
    };

    /// <summary>Whether the product's figure meets the target; null when a figure it needs was not measured.</summary>
    public bool? IsMet(double? product, double? baseline, double? restate) => (Kind, product, baseline, restate) switch
    {
        (_, null, _, _) => null,
        (BenchTargetKind.AtMost, { } p, _, _) => p <= Value,
        (BenchTargetKind.AtLeast, { } p, _, _) => p >= Value,
        (BenchTargetKind.LessThan, { } p, _, _) => p < Value,
        (BenchTargetKind.AtLeastTimesBaseline, { } p, { } b, _) when b > 0 => p >= Value * b,
        (BenchTargetKind.AtLeastTimesRestate, { } p, _, { } r) when r > 0 => p >= Value * r,
        (BenchTargetKind.AtMostRestate, { } p, _, { } r) => p <= r,
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
