using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OpenTelemetry;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Test support, off unless <see cref="TelemetryOptions.FileExporterPath"/> is set: appends every finished span to a
/// file as one JSON object per line (<see cref="ExportedSpan"/>), so an end-to-end test can follow a trace across
/// the app's processes without running a collector. Not meant for production: use OTLP there.
/// </summary>
public sealed class JsonLinesSpanExporter(string path) : BaseExporter<Activity>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        var lines = new StringBuilder();
        foreach (var activity in batch)
        {
            lines.AppendLine(JsonSerializer.Serialize(ExportedSpan.From(activity), Json));
        }

        try
        {
            lock (gate)
            {
                File.AppendAllText(path, lines.ToString());
            }

            return ExportResult.Success;
        }
        catch (IOException)
        {
            return ExportResult.Failure;
        }
    }
}
