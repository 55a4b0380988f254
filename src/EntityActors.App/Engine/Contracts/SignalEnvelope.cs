using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// A signal the entity's actor has durably accepted: it has its place (<see cref="Sequence"/>) in the
/// entity's stream and is handed to the workflow, which applies envelopes strictly in sequence order.
/// </summary>
/// <param name="SignalId">Stable id, <c>{instance}:{sequence}</c>; also the CloudEvent id of what it publishes.</param>
/// <param name="Payload">The signal as canonical JSON, including its <c>type</c> discriminator.</param>
/// <param name="TraceParent">
/// W3C trace context of the request (or actor turn) that accepted the signal. Data, not behaviour: the workflow
/// passes it on to the activity recording the outcome, which continues the trace from it (the workflow itself opens
/// no spans, being replayed).
/// </param>
public sealed record SignalEnvelope(
    string SignalId,
    long Sequence,
    string Name,
    string IdempotencyKey,
    JsonElement Payload,
    DateTimeOffset AcceptedAt,
    string? TraceParent = null);
