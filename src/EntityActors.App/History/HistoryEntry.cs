using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntityActors.App.History;

/// <summary>One handled signal of an entity, as its history shows it.</summary>
/// <param name="Accepted">Whether the rules accepted it; null only when its outcome record has expired.</param>
/// <param name="Rejection">Why it was refused; null when accepted.</param>
/// <param name="Events">The domain events it produced (empty when refused); null when no longer stored.</param>
/// <param name="Version">The entity's version after it.</param>
/// <param name="AcceptedAt">When its entity's actor stored it (the acknowledgement); null when its envelope has expired.</param>
/// <param name="AppliedAt">When the entity's workflow applied it.</param>
/// <param name="TraceId">The W3C trace id of the request that sent it.</param>
public sealed record HistoryEntry(
    long Sequence,
    string SignalId,
    string Signal,
    string IdempotencyKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? Accepted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] HistoryRejection? Rejection,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? AcceptedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? AppliedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TraceId);
