namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>One line of the app's span file (<c>EntityActors:Telemetry:FileExporterPath</c>).</summary>
public sealed record SpanLine(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Source,
    string Kind,
    DateTime StartTime,
    double DurationMs,
    string Status,
    IReadOnlyDictionary<string, string?> Tags,
    IReadOnlyList<SpanLinkLine> Links)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Name} [{Source}, {Kind}] trace {TraceId} span {SpanId} parent {ParentSpanId ?? "-"}";
}
