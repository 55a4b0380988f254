using System.Globalization;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// A CloudEvents 1.0 envelope about one entity, published as is (structured mode) on its kind's topic: the event of an
/// applied signal (<see cref="DomainCloudEvent"/>) or of its erase (<see cref="Retention.EntityErasedEvent"/>).
/// </summary>
public sealed record EntityCloudEvent<TData>(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("data")] TData Data)
{
    /// <summary>The event <paramref name="name"/> of the entity at <paramref name="address"/>: id <c>{what}@{time}</c>.</summary>
    public static EntityCloudEvent<TData> Of(EntityAddress address, string name, string what, DateTimeOffset at, TData data) =>
        new("1.0", IdOf(what, at), $"entityactors/{address.Kind}/{address.Id}", $"entityactors.{address.Kind}.{name}", address.Id, at, "application/json", data);

    /// <summary><c>accounts-alice:3@20261205T050052.5000000Z</c>.</summary>
    private static string IdOf(string what, DateTimeOffset at) =>
        $"{what}@{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture)}";
}
