using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntityActors.Domain.Tests.Support;

internal static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Web);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Web)
        ?? throw new InvalidOperationException($"{json} deserialized to null.");

    public static JsonObject Parse(string json) => JsonNode.Parse(json)?.AsObject()
        ?? throw new InvalidOperationException($"{json} is not an object.");

    /// <summary>Every property name in the document, at any depth.</summary>
    public static IEnumerable<string> PropertyNames(JsonNode? node) =>
        node switch
        {
            JsonObject obj => obj.SelectMany(property => PropertyNames(property.Value).Prepend(property.Key)),
            JsonArray array => array.SelectMany(PropertyNames),
            _ => [],
        };
}
