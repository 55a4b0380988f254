using System.Globalization;
using System.Text.Json.Serialization;

namespace EntityActors.Bench.Reporting;

/// <summary>A goal from the issue, printed beside the figure it applies to. Never lowered to match a run.</summary>
public sealed record BenchTarget(BenchTargetKind Kind, double Value, string Unit)
{
    public static BenchTarget AtMost(double value, string unit) => new(BenchTargetKind.AtMost, value, unit);

    public static BenchTarget AtLeast(double value, string unit) => new(BenchTargetKind.AtLeast, value, unit);

    public static BenchTarget LessThan(double value, string unit) => new(BenchTargetKind.LessThan, value, unit);

    public static BenchTarget TimesBaseline(double factor) => new(BenchTargetKind.AtLeastTimesBaseline, factor, "×");

    [JsonPropertyName("text")]
    public string Text => Kind switch
    {
        BenchTargetKind.AtMost => Invariant($"≤ {Value:0.##} {Unit}"),
        BenchTargetKind.AtLeast => Invariant($"≥ {Value:0.##} {Unit}"),
        BenchTargetKind.LessThan => Invariant($"< {Value:0.##} {Unit}"),
        _ => Invariant($"≥ {Value:0.##}× bare"),
    };

    /// <summary>Whether the product's figure meets the target; null when it was not measured.</summary>
    public bool? IsMet(double? product, double? baseline) => (Kind, product, baseline) switch
    {
        (_, null, _) => null,
        (BenchTargetKind.AtMost, { } p, _) => p <= Value,
        (BenchTargetKind.AtLeast, { } p, _) => p >= Value,
        (BenchTargetKind.LessThan, { } p, _) => p < Value,
        (BenchTargetKind.AtLeastTimesBaseline, { } p, { } b) when b > 0 => p >= Value * b,
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
