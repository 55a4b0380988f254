using System.Diagnostics;
using System.Globalization;

namespace EntityActors.App.Telemetry;

/// <summary>One finished span as <see cref="JsonLinesSpanExporter"/> writes it.</summary>
public sealed record ExportedSpan(
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
    IReadOnlyList<ExportedLink> Links)
{
    public static ExportedSpan From(Activity activity) =>
        new(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            activity.Source.Name,
            activity.Kind.ToString(),
            activity.StartTimeUtc,
            activity.Duration.TotalMilliseconds,
            activity.Status.ToString(),
            activity.TagObjects
                .GroupBy(tag => tag.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => Convert.ToString(group.Last().Value, CultureInfo.InvariantCulture), StringComparer.Ordinal),
            activity.Links.Select(link => new ExportedLink(link.Context.TraceId.ToHexString(), link.Context.SpanId.ToHexString())).ToList());
}
