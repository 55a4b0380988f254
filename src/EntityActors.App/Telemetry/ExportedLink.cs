namespace EntityActors.App.Telemetry;

/// <summary>A span link as <see cref="JsonLinesSpanExporter"/> writes it.</summary>
public sealed record ExportedLink(string TraceId, string SpanId);
