using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// What one turn of an entity's single writer decided for a batch of submissions: a receipt per submission (in
/// order), the fresh envelopes to store (decided, in sequence order), the keys they take, and the entity after them.
/// Nothing of it holds until stored.
/// </summary>
public sealed record IntakePlan<TState>(
    IReadOnlyList<SignalReceipt> Receipts,
    IReadOnlyList<SignalEnvelope> Fresh,
    IReadOnlyDictionary<string, IdempotencyRecord> NewKeys,
    EntityCheckpoint<TState> Entity);
