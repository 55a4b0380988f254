using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// A signal the entity's single writer has durably accepted and decided: it has its place (<see cref="Sequence"/>)
/// in the entity's stream, and the writer's <see cref="Outcome"/> and <see cref="Events"/> for it. The same record
/// is stored (one row per sequence) and raised to the entity's workflow, which applies envelopes strictly in sequence
/// order and checks that it reaches the same outcome.
/// </summary>
/// <param name="SignalId">Stable id, <c>{instance}:{sequence}</c>; also the CloudEvent id of what it publishes.</param>
/// <param name="Payload">The signal as canonical JSON, including its <c>type</c> discriminator.</param>
/// <param name="AcceptedAt">When the writer accepted it: the time its rules decide with, on either side.</param>
/// <param name="TraceParent">
/// W3C trace context of the request (or actor turn) that accepted the signal. Data, not behaviour: the relay continues
/// the trace from it when it publishes what the signal did.
/// </param>
public sealed record SignalEnvelope(
    string SignalId,
    long Sequence,
    string Name,
    string IdempotencyKey,
    JsonElement Payload,
    DateTimeOffset AcceptedAt,
    string? TraceParent = null)
{
    /// <summary>What the writer decided at intake; null on envelopes stored before signals were decided there.</summary>
    public SignalOutcome? Outcome { get; init; }

    /// <summary>The domain events the writer's decision produced, as JSON (an empty array when rejected).</summary>
    public JsonElement? Events { get; init; }
}
