namespace EntityActors.App.Engine.Contracts;

/// <summary>The entity's answer to a signal: stored in its place in the entity's stream, and decided.</summary>
/// <param name="Sequence">Its place in the entity's stream; the entity's <c>sequence</c> is at least this once it is answered.</param>
/// <param name="Duplicate">The idempotency key was seen before: this is the original receipt, nothing new was stored.</param>
/// <param name="KeyReused">The key was first used for a different signal or payload: refused.</param>
/// <param name="Outcome">What the entity's rules made of it; null only for a duplicate whose outcome is no longer known.</param>
public sealed record SignalReceipt(
    string SignalId,
    string Kind,
    string EntityId,
    string IdempotencyKey,
    string Name,
    long Sequence,
    DateTimeOffset AcceptedAt,
    bool Duplicate,
    bool KeyReused,
    SignalOutcome? Outcome = null);
