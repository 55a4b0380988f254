namespace EntityActors.App.Engine.SingleWriter;

/// <summary>What an idempotency key was first used for; a repeat of the key is answered from it.</summary>
public sealed record IdempotencyRecord(string SignalId, long Sequence, string Name, string PayloadHash, DateTimeOffset AcceptedAt);
