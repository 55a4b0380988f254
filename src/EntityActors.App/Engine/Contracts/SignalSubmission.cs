using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntityActors.App.Engine.Contracts;

/// <summary>A validated signal on its way to the entity's actor.</summary>
/// <param name="PayloadHash">Hash of the canonical payload; a key reused for a different request is refused.</param>
public sealed record SignalSubmission(string IdempotencyKey, string Name, JsonElement Payload, string PayloadHash)
{
    /// <summary>W3C <c>traceparent</c> of the request that sent the signal; null when nothing is traced.</summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// Refused in the writer's own turn, with nothing stored, when the entity has never taken a signal (or was erased):
    /// a check made before the send (a bulk line's) cannot see an erase that lands between it and the writer's turn.
    /// Left out of the JSON when false, so a writer of an earlier version reads the submissions it always did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MustExist { get; init; }

    /// <summary>
    /// The key an earlier version of this code gave the same message (a CloudEvent's id alone, before its source
    /// counted): a record stored under it for the same signal and payload answers this one as its repeat, so a message
    /// redelivered across the upgrade is not applied again. Null for all others, and then left out of the JSON.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormerKey { get; init; }
}
