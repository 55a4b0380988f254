namespace EntityActors.App.Telemetry;

/// <summary>
/// Where traces, metrics and logs go (section <c>EntityActors:Telemetry</c>). Only the Prometheus scrape endpoint is
/// on by default (metrics alone); traces and logs are collected only when an exporter for them is configured.
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

    /// <summary>
    /// Path of the Prometheus scrape endpoint (the <c>EntityActors</c> meter, ASP.NET Core's and the runtime's metrics,
    /// in the Prometheus text format); empty turns it off.
    /// </summary>
    public string? PrometheusScrapePath { get; set; } = "/metrics";

    /// <summary>Whether any exporter is configured, i.e. whether telemetry is collected at all.</summary>
    public bool Enabled => ExportsTraces || ServesPrometheus;

    /// <summary>Whether traces and logs are collected: an OTLP endpoint or a test file is configured.</summary>
    public bool ExportsTraces => ExportsOtlp || !string.IsNullOrWhiteSpace(FileExporterPath) || !string.IsNullOrWhiteSpace(FileLogExporterPath);

    public bool ServesPrometheus => !string.IsNullOrWhiteSpace(PrometheusScrapePath);

    public bool ExportsOtlp => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
