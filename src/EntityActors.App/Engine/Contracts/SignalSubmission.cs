using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>A validated signal on its way to the entity's actor.</summary>
/// <param name="PayloadHash">Hash of the canonical payload; a key reused for a different request is refused.</param>
public sealed record SignalSubmission(string IdempotencyKey, string Name, JsonElement Payload, string PayloadHash)
{
    /// <summary>W3C <c>traceparent</c> of the request that sent the signal; null when nothing is traced.</summary>
    public string? TraceParent { get; init; }
}
