namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>One line of the app's log file (<c>EntityActors:Telemetry:FileLogExporterPath</c>): scopes merged into attributes.</summary>
public sealed record LogLine(
    DateTime Timestamp,
    string? Category,
    string Level,
    string? Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string?> Attributes)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
