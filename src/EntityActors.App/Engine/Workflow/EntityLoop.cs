using System.Collections.Immutable;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The deterministic heart of an entity workflow, free of Dapr so it can be tested alone: absorbs a batch
/// of envelopes into a checkpoint, applying them strictly in sequence order, exactly once each.
/// </summary>
public static class EntityLoop<TEntity, TState, TSignal, TEvent>
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    public static EntityTurn<TState> Absorb(EntityCheckpoint<TState> checkpoint, SignalBatch batch, DateTimeOffset now)
    {
        // Whatever the sender relayed has left the outbox for good.
        var relayed = Math.Max(checkpoint.RelayedThrough, batch.RelayedThrough);
        checkpoint = checkpoint with
        {
            Settings = batch.Settings,
            RelayedThrough = relayed,
            Outbox = checkpoint.Outbox.RemoveAll(applied => applied.Outcome.Sequence <= relayed),
        };
        // Envelopes at or below the handled sequence are redeliveries; those already waiting are duplicates.
        var pending = checkpoint.Pending;
        foreach (var envelope in batch.Signals)
        {
            if (envelope.Sequence > checkpoint.Sequence && pending.All(p => p.Sequence != envelope.Sequence))
            {
                pending = pending.Add(envelope);
            }
        }

        pending = pending.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));

        var current = checkpoint;
        var applied = new List<AppliedSignal>();
        while (pending.Count > 0 && pending[0].Sequence == current.Sequence + 1)
        {
            var envelope = pending[0];
            pending = pending.RemoveAt(0);
            var (next, outcome) = ApplyOne(current, envelope, now);
            current = next;
            applied.Add(outcome);
        }

        return new EntityTurn<TState>(current with { Pending = pending, Outbox = current.Outbox.AddRange(applied) }, applied);
    }

    private static (EntityCheckpoint<TState> Checkpoint, AppliedSignal Applied) ApplyOne(
        EntityCheckpoint<TState> checkpoint, SignalEnvelope envelope, DateTimeOffset now)
    {
        var decision = Decide(checkpoint, envelope, now);
        var state = checkpoint.State;
        if (decision.IsAccepted)
        {
            // Apply is a rule too: a bug in it must not fail the workflow any more than one in Decide.
            try
            {
                state = decision.Events.Aggregate(checkpoint.State, TEntity.Apply);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                decision = RuleFailed(ex);
            }
        }

        var accepted = decision.IsAccepted;
        var version = accepted ? checkpoint.Version + 1 : checkpoint.Version;

        var outcome = new SignalOutcome(
            envelope.Sequence, envelope.SignalId, envelope.Name, envelope.IdempotencyKey,
            accepted, version, decision.Rejection, now);

        var recent = checkpoint.Recent.Add(outcome);
        var capacity = Math.Max(1, checkpoint.Settings.RecentOutcomes);
        if (recent.Count > capacity)
        {
            recent = recent.RemoveRange(0, recent.Count - capacity);
        }

        var next = checkpoint with
        {
            State = state,
            Version = version,
            Sequence = envelope.Sequence,
            LastChangedAt = accepted ? now : checkpoint.LastChangedAt,
            Recent = recent,
            HandledThisGeneration = checkpoint.HandledThisGeneration + 1,
        };
        var events = JsonSerializer.SerializeToElement(decision.Events, EntityJson.Options);
        return (next, new AppliedSignal(outcome, events, envelope.TraceParent));
    }

    private static Decision<TEvent> Decide(EntityCheckpoint<TState> checkpoint, SignalEnvelope envelope, DateTimeOffset now)
    {
        TSignal? signal;
        try
        {
            signal = envelope.Payload.Deserialize<TSignal>(EntityJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // NotSupportedException: a payload without a type discriminator for an abstract signal type.
            return Decision<TEvent>.Reject(Rejection.Invalid("undecodable-signal", ex.Message));
        }

        if (signal is null)
        {
            return Decision<TEvent>.Reject(Rejection.Invalid("undecodable-signal", "The signal payload is empty."));
        }

        // A bug in a rule must not fail the workflow: a failed entity workflow is wiped when scheduled again.
        // The exception is deterministic for the same state and signal, so replay reaches the same answer.
        try
        {
            return TEntity.Decide(checkpoint.State, signal, new EntityContext(checkpoint.Id, now));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return RuleFailed(ex);
        }
    }

    private static Decision<TEvent> RuleFailed(Exception ex) =>
        Decision<TEvent>.Reject(Rejection.Unprocessable("rule-failed", $"{ex.GetType().Name}: {ex.Message}"));
}
