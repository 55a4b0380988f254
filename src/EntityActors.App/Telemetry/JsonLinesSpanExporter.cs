using System.Diagnostics;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Test support, off unless <see cref="TelemetryOptions.FileExporterPath"/> is set: appends every finished span to a
/// file as one JSON object per line (<see cref="ExportedSpan"/>), so an end-to-end test can follow a trace across
/// the app's processes without running a collector. Not meant for production: use OTLP there.
/// </summary>
public sealed class JsonLinesSpanExporter(string path) : JsonLinesExporter<Activity>(path)
{
    protected override object ToLine(Activity item) => ExportedSpan.From(item);
}
