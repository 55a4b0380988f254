using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.History;

/// <summary>
/// The stored outcome record (<c>{instance}:outcome:{seq}</c>): the <see cref="SignalOutcome"/>'s own fields plus
/// <c>events</c>, what the signal produced. A reader of a plain <see cref="SignalOutcome"/> ignores the extra field, so
/// the records written before it and after it read alike.
/// </summary>
public static class OutcomeRecordFormat
{
    public const string EventsProperty = "events";

    public static byte[] Serialize(AppliedSignal applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var record = JsonSerializer.SerializeToNode(applied.Outcome, EntityJson.Options)!.AsObject();
        if (applied.Events.ValueKind != JsonValueKind.Undefined)
        {
            record[EventsProperty] = JsonNode.Parse(applied.Events.GetRawText());
        }

        return JsonSerializer.SerializeToUtf8Bytes(record, EntityJson.Options);
    }

    /// <summary>The outcome and, when the record has them, its events.</summary>
    public static (SignalOutcome Outcome, JsonElement? Events) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var outcome = root.Deserialize<SignalOutcome>(EntityJson.Options)
            ?? throw new JsonException("An outcome record is empty.");
        return (outcome, root.TryGetProperty(EventsProperty, out var events) ? events.Clone() : null);
    }
}
