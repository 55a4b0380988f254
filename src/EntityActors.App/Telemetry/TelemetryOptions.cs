namespace EntityActors.App.Telemetry;

/// <summary>
/// Where traces, metrics and logs go (section <c>EntityActors:Telemetry</c>). Everything is off by default: with no
/// exporter configured the app registers no OpenTelemetry pipeline at all.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "EntityActors:Telemetry";

    /// <summary>
    /// OTLP collector address (e.g. <c>http://otel-collector:4317</c>); empty means no OTLP export. Traces, metrics
    /// and logs all go there.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317, the default) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "entityactors";

    /// <summary>
    /// Test support, off by default: when set, every finished span is also appended to this file as one JSON
    /// object per line (see <see cref="JsonLinesSpanExporter"/>), so an end-to-end test can read a trace without
    /// running a collector.
    /// </summary>
    public string? FileExporterPath { get; set; }

    /// <summary>
    /// Test support, off by default: when set, every log record is also appended to this file as one JSON object
    /// per line, with its scopes and trace context (see <see cref="JsonLinesLogExporter"/>).
    /// </summary>
    public string? FileLogExporterPath { get; set; }

    /// <summary>Whether any exporter is configured, i.e. whether telemetry is collected at all.</summary>
    public bool Enabled => ExportsOtlp || !string.IsNullOrWhiteSpace(FileExporterPath) || !string.IsNullOrWhiteSpace(FileLogExporterPath);

    public bool ExportsOtlp => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
