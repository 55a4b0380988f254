using System.Text.Json;

namespace EntityActors.App.Engine.Relay;

/// <summary>The <c>data</c> of a domain CloudEvent: which entity, which signal, the events it produced.</summary>
public sealed record DomainEventData(string Kind, string EntityId, long Sequence, long Version, string Signal, JsonElement Events);
