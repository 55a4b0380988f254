using System.Text.Json;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// A CloudEvents 1.0 envelope for what one applied signal changed, published as is (structured mode). Its id is the
/// signal's id and its acceptance time: the same when the event is published again, and unlike any event of an erased
/// entity whose id was used again (that entity's signal 1 was <c>accounts-alice:1</c> too).
/// </summary>
public sealed record DomainCloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("data")] DomainEventData Data)
{
    public static DomainCloudEvent For(EntityAddress address, AppliedSignal applied) =>
        new(
            "1.0",
            IdOf(applied.Outcome),
            $"entityactors/{address.Kind}/{address.Id}",
            $"entityactors.{address.Kind}.{applied.Outcome.Name}",
            address.Id,
            applied.Outcome.At,
            "application/json",
            new DomainEventData(address.Kind, address.Id, applied.Outcome.Sequence, applied.Outcome.Version, applied.Outcome.Name, applied.Events, applied.TraceParent));

    /// <summary><c>accounts-alice:3@20261205T050052.5000000Z</c>.</summary>
    public static string IdOf(SignalOutcome outcome) =>
        $"{outcome.SignalId}@{outcome.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)}";
}
