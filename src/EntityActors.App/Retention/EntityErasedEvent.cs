using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Retention;

/// <summary>
/// The CloudEvent an erase publishes on the kind's topic, beside the events of applied signals
/// (<see cref="DomainCloudEvent"/>): the entity under this id is gone, and the next events of the id (from sequence 1)
/// are a new entity's. Its id is the entity's and the erase's time.
/// </summary>
public static class EntityErasedEvent
{
    public const string Name = "erased";

    /// <summary>The event for erasing <paramref name="last"/>, the entity as its writer last held it, at <paramref name="at"/>.</summary>
    public static EntityCloudEvent<EntityErasedData> For(EntityAddress address, EntityView<JsonElement> last, DateTimeOffset at) =>
        EntityCloudEvent<EntityErasedData>.Of(address, Name, $"{address.InstanceId}:{Name}", at, new EntityErasedData(address.Kind, address.Id, last.Sequence, last.Version));
}

/// <summary>
/// The <c>data</c> of <see cref="EntityErasedEvent"/>: the erased entity's last <paramref name="Sequence"/> and
/// <paramref name="Version"/>. Its events all have a sequence up to that and a time before the erase's, so a subscriber
/// that meets one of them after this event (the broker may reorder) knows it for the erased entity's.
/// </summary>
public sealed record EntityErasedData(string Kind, string EntityId, long Sequence, long Version);
