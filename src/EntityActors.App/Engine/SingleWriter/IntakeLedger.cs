using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The single writer's bookkeeping, free of Dapr and threads: deduplicates a batch of submissions by idempotency key
/// (against the keys already stored and within the batch), gives each new signal the next sequence, and decides it
/// against the entity as of the signal before it, with the signal's own acceptance time, exactly as the workflow
/// will later (<see cref="EntityLoop{TEntity, TState, TSignal, TEvent}.Decide"/>).
/// </summary>
public static class IntakeLedger<TEntity, TState, TSignal, TEvent>
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    /// <param name="entity">The entity as decided through its last stored signal.</param>
    /// <param name="known">Stored keys among the submissions' and their former keys' (a key missing here is new).</param>
    /// <param name="traceParent">The trace context an envelope carries on for its submission.</param>
    public static IntakePlan<TState> Plan(
        EntityAddress address,
        EntityCheckpoint<TState> entity,
        IReadOnlyList<SignalSubmission> submissions,
        IReadOnlyDictionary<string, IdempotencyRecord> known,
        DateTimeOffset now,
        Func<SignalSubmission, string?> traceParent)
    {
        var receipts = new List<SignalReceipt>(submissions.Count);
        var fresh = new List<SignalEnvelope>();
        var newKeys = new Dictionary<string, IdempotencyRecord>(StringComparer.Ordinal);
        foreach (var submission in submissions)
        {
            if (submission.FormerKey is { } former && known.GetValueOrDefault(former) is { } earlier
                && earlier.PayloadHash == submission.PayloadHash && earlier.Name == submission.Name)
            {
                receipts.Add(Receipt(address, former, earlier, duplicate: true, keyReused: false));
                continue;
            }

            if ((known.GetValueOrDefault(submission.IdempotencyKey) ?? newKeys.GetValueOrDefault(submission.IdempotencyKey)) is { } record)
            {
                var reused = record.PayloadHash != submission.PayloadHash || record.Name != submission.Name;
                receipts.Add(Receipt(address, submission.IdempotencyKey, record, duplicate: true, reused));
                continue;
            }

            if (submission.MustExist && entity.Sequence == 0)
            {
                // Nothing stored, not even its key: the entity stays as absent as it was.
                receipts.Add(SignalReceipt.EntityNotFound(address, submission.IdempotencyKey, submission.Name, now));
                continue;
            }

            var sequence = entity.Sequence + 1;
            var envelope = new SignalEnvelope(
                address.SignalId(sequence), sequence, submission.Name, submission.IdempotencyKey, submission.Payload, now, traceParent(submission));
            (entity, var decided) = EntityLoop<TEntity, TState, TSignal, TEvent>.Decide(entity, envelope);
            fresh.Add(envelope with { Outcome = decided.Outcome, Events = decided.Events });
            record = new IdempotencyRecord(envelope.SignalId, sequence, submission.Name, submission.PayloadHash, now, decided.Outcome);
            newKeys[submission.IdempotencyKey] = record;
            receipts.Add(Receipt(address, submission.IdempotencyKey, record, duplicate: false, keyReused: false));
        }

        return new IntakePlan<TState>(receipts, fresh, newKeys, entity);
    }

    /// <summary>
    /// Folds stored envelopes (in sequence order) into <paramref name="entity"/> the way they were decided at intake,
    /// deciding each again; answers the entity after them and every envelope whose stored decision differs now.
    /// </summary>
    public static (EntityCheckpoint<TState> Entity, IReadOnlyList<SignalDivergence> Divergences) Replay(
        EntityCheckpoint<TState> entity, IEnumerable<SignalEnvelope> stored)
    {
        var divergences = new List<SignalDivergence>();
        foreach (var envelope in stored.Where(envelope => envelope.Sequence > entity.Sequence).OrderBy(envelope => envelope.Sequence))
        {
            (entity, var decided) = EntityLoop<TEntity, TState, TSignal, TEvent>.Decide(entity, envelope);
            if (EntityLoop<TEntity, TState, TSignal, TEvent>.Diverges(envelope, decided) is { } divergence)
            {
                divergences.Add(divergence);
            }
        }

        return (entity, divergences);
    }

    private static SignalReceipt Receipt(EntityAddress address, string key, IdempotencyRecord record, bool duplicate, bool keyReused) =>
        new(record.SignalId, address.Kind, address.Id, key, record.Name, record.Sequence, record.AcceptedAt, duplicate, keyReused, record.Outcome);
}
