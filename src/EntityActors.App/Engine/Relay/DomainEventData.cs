using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntityActors.App.Engine.Relay;

/// <summary>The <c>data</c> of a domain CloudEvent: which entity, which signal, the events it produced.</summary>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> the signal was taken under, so a subscriber joins its trace; here and not in the event's
/// own <c>traceparent</c>, which the sidecar sets on publish from its own span (empty when it traces nothing).
/// </param>
public sealed record DomainEventData(
    string Kind,
    string EntityId,
    long Sequence,
    long Version,
    string Signal,
    JsonElement Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null);
