using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>What an idempotency key was first used for, and what it was answered; a repeat of the key is answered from it.</summary>
/// <param name="Outcome">The decision; null on keys stored before signals were decided at intake (the signal's record has it).</param>
public sealed record IdempotencyRecord(string SignalId, long Sequence, string Name, string PayloadHash, DateTimeOffset AcceptedAt, SignalOutcome? Outcome = null);
