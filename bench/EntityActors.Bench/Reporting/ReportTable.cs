using System.Globalization;
using System.Text;

namespace EntityActors.Bench.Reporting;

/// <summary>The report as a fixed-width table for the terminal, and as Markdown for the docs.</summary>
public static class ReportTable
{
    private static readonly string[] Headers = ["scenario", "product", "bare Dapr", "Restate", "÷ bare", "÷ Restate", "target", "met?"];

    public static string Text(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cells = report.Rows.Select(Cells).ToList();
        var widths = Headers.Select((header, i) => cells.Select(row => row[i].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> row) =>
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());

        Line(Headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells)
        {
            Line(row);
        }

        AppendChecks(text, report.Checks, report.Scenarios.Select(scenario => (scenario.Id, scenario.Error)));
        return text.ToString();
    }

    public static string Markdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in report.Rows.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    private static string[] Cells(BenchRow row) =>
    [
        row.Metric,
        Value(row.Product, row.Unit),
        Value(row.Baseline, row.Unit),
        Value(row.Restate, row.Unit),
        Ratio(row.Ratio),
        Ratio(row.VsRestate),
        row.Targets.Count == 0 ? "–" : string.Join("; ", row.Targets.Select(t => t.Text)),
        row.TargetsMet.Count == 0 ? "–" : string.Join("; ", row.TargetsMet.Select(met => met switch { true => "yes", false => "NO", null => "–" })),
    ];

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Value(double? value, string unit) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture)} {unit}") : "–";

    /// <summary>The exactly-once checks' tally, the failed ones and any scenario that failed outright; shared by both modes.</summary>
    internal static void AppendChecks(StringBuilder text, IEnumerable<BenchCheck> allChecks, IEnumerable<(string Id, string? Error)> scenarios)
    {
        var checks = allChecks.ToList();
        var failed = checks.Where(check => !check.Passed).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"exactly-once checks: {checks.Count - failed.Count} of {checks.Count} passed");
        foreach (var check in failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  FAILED [{check.Scenario}/{check.Side}] {check.What}: {check.Detail}");
        }

        foreach (var (id, error) in scenarios.Where(s => s.Error is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ERROR [{id}] {error}");
        }
    }
}
