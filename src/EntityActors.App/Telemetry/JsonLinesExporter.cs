using System.Text;
using System.Text.Json;
using OpenTelemetry;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Test support: appends each exported item to a file as one JSON object per line, so end-to-end tests can read
/// telemetry without a collector. Subclasses say what a line holds. Not meant for production: use OTLP there.
/// </summary>
public abstract class JsonLinesExporter<T>(string path) : BaseExporter<T>
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();

    public override ExportResult Export(in Batch<T> batch)
    {
        var lines = new StringBuilder();
        foreach (var item in batch)
        {
            lines.AppendLine(JsonSerializer.Serialize(ToLine(item), Json));
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

    /// <summary>The object written as the item's line.</summary>
    protected abstract object ToLine(T item);
}
