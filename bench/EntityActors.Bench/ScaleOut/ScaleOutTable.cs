using System.Globalization;
using System.Text;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Scenarios;

namespace EntityActors.Bench.ScaleOut;

/// <summary>The multi-replica report as a fixed-width table for the terminal, and as Markdown for the docs.</summary>
public static class ScaleOutTable
{
    public static string Text(ScaleOutReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var headers = Headers(report);
        var cells = report.Rows.Select(Cells).ToList();
        var widths = headers.Select((header, i) => cells.Select(row => row[i].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> row) =>
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());

        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        cells.ForEach(Line);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Replicas} replicas against 1 on the same cores (the figure to watch; goal {ScaleOutCost.Goal.Text}):");
        foreach (var cost in report.Costs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {cost.Scenario}: {Describe(cost)}");
        }

        ReportTable.AppendChecks(text, report.Checks, report.Scenarios.Select(scenario => (scenario.Id, scenario.Error)));

        return text.ToString();
    }

    public static string Markdown(ScaleOutReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var headers = Headers(report);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in report.Rows.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        text.AppendLine();
        foreach (var cost in report.Costs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {report.Replicas} replicas against 1, {cost.Scenario}: {Describe(cost)}");
        }

        return text.ToString();
    }

    public static string Describe(ScaleOutCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var lost = cost.LostPercent is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"{l:0.0} % of one replica's signals/s lost ({cost.Target.Text}: {(cost.Met == true ? "met" : "NOT met")})")
            : "signals/s not measured";
        var cpu = cost.ExtraCpuPercent is { } c ? string.Create(CultureInfo.InvariantCulture, $"CPU per 1,000 signals {c:+0.0;-0.0;0.0} %") : "CPU not measured";
        var rounds = cost.RoundLostPercent.Count > 1
            ? string.Create(CultureInfo.InvariantCulture,
                $"; round against round {cost.RoundLostPercent.Min():0.0} to {cost.RoundLostPercent.Max():0.0} % lost, median {SideRound.Median(cost.RoundLostPercent):0.0} %")
            : string.Empty;
        return $"{lost}{rounds}; {cpu}";
    }

    private static string[] Headers(ScaleOutReport report) =>
        ["scenario", $"{report.Replicas} replicas", "1 replica", "bare Dapr", "÷ 1 replica", "÷ bare"];

    private static string[] Cells(ScaleOutRow row) =>
        [row.Metric, Value(row.Replicas, row.Unit), Value(row.Single, row.Unit), Value(row.Baseline, row.Unit), Ratio(row.VsSingle), Ratio(row.VsBaseline)];

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Value(double? value, string unit) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture)} {unit}").TrimEnd() : "–";
}
