namespace EntityActors.App.Telemetry;

/// <summary>One log record as <see cref="JsonLinesLogExporter"/> writes it: scopes flattened into <see cref="Attributes"/>.</summary>
public sealed record ExportedLog(
    DateTime Timestamp,
    string? Category,
    string Level,
    string? Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string?> Attributes);
