using System.Text.Json;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Retention;

/// <summary>
/// The CloudEvent an erase publishes on the kind's topic, beside the events of applied signals
/// (<see cref="Engine.Relay.DomainCloudEvent"/>): the entity under this id is gone, and the next events of the id
/// (from sequence 1) are a new entity's. Its id is the entity's and the erase's time.
/// </summary>
public sealed record EntityErasedEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("data")] EntityErasedData Data)
{
    public const string Name = "erased";

    /// <summary>The event for erasing <paramref name="last"/>, the entity as its writer last held it, at <paramref name="at"/>.</summary>
    public static EntityErasedEvent For(EntityAddress address, EntityView<JsonElement> last, DateTimeOffset at) =>
        new(
            "1.0",
            $"{address.InstanceId}:{Name}@{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)}",
            $"entityactors/{address.Kind}/{address.Id}",
            $"entityactors.{address.Kind}.{Name}",
            address.Id,
            at,
            "application/json",
            new EntityErasedData(address.Kind, address.Id, last.Sequence, last.Version));
}

/// <summary>
/// The <c>data</c> of <see cref="EntityErasedEvent"/>: the erased entity's last <paramref name="Sequence"/> and
/// <paramref name="Version"/>. Its events all have a sequence up to that and a time before the erase's, so a subscriber
/// that meets one of them after this event (the broker may reorder) knows it for the erased entity's.
/// </summary>
public sealed record EntityErasedData(string Kind, string EntityId, long Sequence, long Version);
