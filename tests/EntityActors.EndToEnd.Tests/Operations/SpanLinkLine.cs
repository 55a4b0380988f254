namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>A link of a <see cref="SpanLine"/>.</summary>
public sealed record SpanLinkLine(string TraceId, string SpanId);
