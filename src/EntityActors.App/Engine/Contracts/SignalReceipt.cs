namespace EntityActors.App.Engine.Contracts;

/// <summary>The entity's acknowledgement of a signal: it is durably queued and will be applied once.</summary>
/// <param name="Sequence">Its place in the entity's stream; the entity's <c>sequence</c> reaches it once applied.</param>
/// <param name="Duplicate">The idempotency key was seen before: this is the original receipt, nothing new was queued.</param>
/// <param name="KeyReused">The key was first used for a different signal or payload: refused.</param>
public sealed record SignalReceipt(
    string SignalId,
    string Kind,
    string EntityId,
    string IdempotencyKey,
    string Name,
    long Sequence,
    DateTimeOffset AcceptedAt,
    bool Duplicate,
    bool KeyReused);
