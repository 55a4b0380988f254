using System.Text.Json;
using System.Text.Json.Serialization;
using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Reporting;

/// <summary>The whole run as written with <c>--out</c>: the same figures as the printed table, plus the raw ones.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    double Seconds,
    string Mode,
    MachineInfo Machine,
    string? LoadAverageAtEnd,
    BenchSettings Settings,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IEnumerable<BenchRow> Rows => Scenarios.SelectMany(s => s.Rows);

    public IEnumerable<BenchCheck> Checks => Scenarios.SelectMany(s => s.Checks);

    public bool AllChecksPassed => Scenarios.All(s => s.Error is null) && Checks.All(c => c.Passed);
}
