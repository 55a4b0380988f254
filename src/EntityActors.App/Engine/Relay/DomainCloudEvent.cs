using System.Text.Json;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>A CloudEvents 1.0 envelope for what one applied signal changed, published as is (structured mode).</summary>
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
            applied.Outcome.SignalId,
            $"entityactors/{address.Kind}/{address.Id}",
            $"entityactors.{address.Kind}.{applied.Outcome.Name}",
            address.Id,
            applied.Outcome.At,
            "application/json",
            new DomainEventData(address.Kind, address.Id, applied.Outcome.Sequence, applied.Outcome.Version, applied.Outcome.Name, applied.Events));
}
