using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Test support, off unless <see cref="TelemetryOptions.FileLogExporterPath"/> is set: appends every log record to a
/// file as one JSON object per line (<see cref="ExportedLog"/>), its scopes' values merged into its attributes, so an
/// end-to-end test can check what a log line carries. Not meant for production: use OTLP there.
/// </summary>
public sealed class JsonLinesLogExporter(string path) : JsonLinesExporter<LogRecord>(path)
{
    protected override object ToLine(LogRecord item) => ToExported(item);

    private static ExportedLog ToExported(LogRecord record)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        record.ForEachScope(
            static (scope, values) =>
            {
                foreach (var (key, value) in scope)
                {
                    values[key] = Format(value);
                }
            },
            attributes);
        foreach (var (key, value) in record.Attributes ?? [])
        {
            attributes[key] = Format(value);
        }

        return new ExportedLog(
            record.Timestamp,
            record.CategoryName,
            record.LogLevel.ToString(),
            record.FormattedMessage ?? record.Body,
            record.TraceId == default ? null : record.TraceId.ToHexString(),
            record.SpanId == default ? null : record.SpanId.ToHexString(),
            attributes);
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        ActivityTraceId traceId => traceId.ToHexString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
