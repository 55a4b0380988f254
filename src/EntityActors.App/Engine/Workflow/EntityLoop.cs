using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The deterministic heart of an entity, free of Dapr so it can be tested alone. <see cref="Decide"/> folds one
/// envelope into the entity with the envelope's own time, so the single writer (at intake) and the workflow (later)
/// reach the same outcome from the same envelopes; <see cref="Absorb"/> is the workflow's side: strict sequence order,
/// each envelope exactly once, and a check against what the writer decided.
/// </summary>
public static class EntityLoop<TEntity, TState, TSignal, TEvent>
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    public static AbsorbedBatch<TState> Absorb(EntityCheckpoint<TState> checkpoint, SignalBatch batch)
    {
        checkpoint = checkpoint with
        {
            Settings = batch.Settings,
            RelayedThrough = Math.Max(checkpoint.RelayedThrough, batch.RelayedThrough),
            BatchesThisGeneration = checkpoint.BatchesThisGeneration + 1,
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
        var divergences = new List<SignalDivergence>();
        while (pending.Count > 0 && pending[0].Sequence == current.Sequence + 1)
        {
            var envelope = pending[0];
            pending = pending.RemoveAt(0);
            var (next, decided) = Decide(current, envelope);
            current = next with { HandledThisGeneration = next.HandledThisGeneration + 1 };
            applied.Add(decided);
            if (Diverges(envelope, decided) is { } divergence)
            {
                divergences.Add(divergence);
                current = current with { Divergences = current.Divergences + 1, LastDivergence = divergence };
            }
        }

        return new AbsorbedBatch<TState>(current with { Pending = pending }, applied, divergences);
    }

    /// <summary>
    /// Decides <paramref name="envelope"/> against the entity as of the signal before it, at the envelope's acceptance
    /// time, and applies what the rules accepted. A rule that throws rejects the signal: the entity never fails.
    /// </summary>
    public static (EntityCheckpoint<TState> Entity, AppliedSignal Decided) Decide(EntityCheckpoint<TState> entity, SignalEnvelope envelope)
    {
        var now = envelope.AcceptedAt;
        var decision = DecideSignal(entity, envelope, now);
        var state = entity.State;
        if (decision.IsAccepted)
        {
            // Apply is a rule too: a bug in it must not fail the entity any more than one in Decide.
            try
            {
                state = decision.Events.Aggregate(entity.State, TEntity.Apply);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                decision = RuleFailed(ex);
            }
        }

        var accepted = decision.IsAccepted;
        var version = accepted ? entity.Version + 1 : entity.Version;
        var outcome = new SignalOutcome(
            envelope.Sequence, envelope.SignalId, envelope.Name, envelope.IdempotencyKey, accepted, version, decision.Rejection, now);
        var next = entity with
        {
            State = state,
            Version = version,
            Sequence = envelope.Sequence,
            LastChangedAt = accepted ? now : entity.LastChangedAt,
        };
        var events = JsonSerializer.SerializeToElement(decision.Events, EntityJson.Options);
        return (next, new AppliedSignal(outcome, events, envelope.TraceParent));
    }

    /// <summary>How <paramref name="decided"/> differs from what the envelope's writer decided; null when alike (or not decided at intake).</summary>
    public static SignalDivergence? Diverges(SignalEnvelope envelope, AppliedSignal decided)
    {
        if (envelope.Outcome is not { } atIntake)
        {
            return null;
        }

        var eventsDiffer = envelope.Events is { } events && !JsonElement.DeepEquals(events, decided.Events);
        return atIntake.AgreesWith(decided.Outcome) && !eventsDiffer
            ? null
            : new SignalDivergence(envelope.Sequence, envelope.SignalId, atIntake, decided.Outcome, eventsDiffer);
    }

    private static Decision<TEvent> DecideSignal(EntityCheckpoint<TState> entity, SignalEnvelope envelope, DateTimeOffset now)
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
            return TEntity.Decide(entity.State, signal, new EntityContext(entity.Id, now));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return RuleFailed(ex);
        }
    }

    private static Decision<TEvent> RuleFailed(Exception ex) =>
        Decision<TEvent>.Reject(Rejection.Unprocessable("rule-failed", $"{ex.GetType().Name}: {ex.Message}"));
}
