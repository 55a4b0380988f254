using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Versioning;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// One long-lived workflow per entity: the durable holder of what its single writer decided. It waits for batches of
/// decided envelopes, folds them in sequence order through the same pure rules (reporting any signal it decides
/// otherwise), publishes the result as custom status, keeps the entity's timers, and continues as new before the
/// history grows, or after the first batch it takes once its generation is old. It never returns on its own: a completed
/// or failed entity workflow would be wiped and restarted from scratch by the next schedule of its id.
/// </summary>
public abstract class EntityWorkflow<TEntity, TState, TSignal, TEvent> : Workflow<EntityCheckpoint<TState>, object?>
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    public override async Task<object?> RunAsync(WorkflowContext context, EntityCheckpoint<TState> input)
    {
        var checkpoint = input;
        // An entity's first signals come with its input (signal-with-start): apply them before anything else.
        if (checkpoint.Pending.Count > 0)
        {
            checkpoint = Absorb(context, checkpoint, new SignalBatch([], checkpoint.Settings, checkpoint.RelayedThrough)) with { BatchesThisGeneration = 0 };
        }

        // Continue-as-new clears the custom status: publish it before the first wait of every generation.
        context.SetCustomStatus(checkpoint.ToView());
        // Asked once per generation, before its first wait: a generation begun before the patch replays without an age
        // limit to its end, one begun since ends after the first batch it takes once old (docs/versioning.md).
        var ages = context.IsPatched(WorkflowPatches.GenerationMaxAge);
        var generationStart = context.CurrentUtcDateTime;
        // One wait for the next batch at a time, never cancelled: a cancelled wait stays queued in the SDK and would take
        // (and lose) the next batch. The idle timer races it instead.
        Task<SignalBatch>? arrival = null;
        long? idleSignalSentAt = null;
        while (!checkpoint.GenerationFull)
        {
            arrival ??= context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals);

            // An entity that goes idle signals itself through its own intake, so the signal is sequenced,
            // deduplicated and decided like any other. Once sent, wait for it rather than set another timer.
            if (idleSignalSentAt != checkpoint.Sequence && IdleDeadline(checkpoint) is { } deadline && !await ArrivesBeforeAsync(context, arrival, deadline))
            {
                await SendIdleSignalAsync(context, checkpoint);
                idleSignalSentAt = checkpoint.Sequence;
                continue;
            }

            var batch = await arrival;
            arrival = null;
            if (batch.Erase)
            {
                // The one way an entity workflow ends: its entity is being erased, and it is purged next.
                return null;
            }

            checkpoint = Absorb(context, checkpoint, batch);
            context.SetCustomStatus(checkpoint.ToView());
            // The age is checked only here, with no wait open: no timer and no withdrawn wait, which would take and drop
            // the next batch in this SDK.
            if (ages && checkpoint.Settings.GenerationMaxAge is { } maxAge && context.CurrentUtcDateTime - generationStart >= maxAge)
            {
                break;
            }
        }

        // Nothing is waiting for an event here (every arrival was consumed), so no signal can be lost.
        context.ContinueAsNew(checkpoint.NextGeneration(), preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>When this entity, if nothing else arrives, should be sent its <see cref="IdleSignal"/>; null for never.</summary>
    protected virtual DateTimeOffset? IdleDeadline(EntityCheckpoint<TState> checkpoint) => null;

    /// <summary>The signal an idle entity sends itself; its key makes a replayed or retried send a duplicate.</summary>
    protected virtual SignalCommand IdleSignal(EntityCheckpoint<TState> checkpoint) =>
        throw new NotSupportedException($"{GetType().Name} has no idle signal.");

    private EntityCheckpoint<TState> Absorb(WorkflowContext context, EntityCheckpoint<TState> checkpoint, SignalBatch batch)
    {
        var absorbed = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(checkpoint, batch);
        foreach (var divergence in absorbed.Divergences)
        {
            context.CreateReplaySafeLogger(GetType()).LogDivergence(context.InstanceId, divergence.Sequence, divergence.AtIntake, divergence.InWorkflow, divergence.EventsDiffer);
        }

        return absorbed.Checkpoint;
    }

    private async Task SendIdleSignalAsync(WorkflowContext context, EntityCheckpoint<TState> checkpoint)
    {
        try
        {
            await context.CallActivityAsync<SignalReceipt>(nameof(SubmitSignalActivity), IdleSignal(checkpoint), RetryOptions(checkpoint.Settings));
        }
        catch (WorkflowTaskFailedException ex)
        {
            // Not sent; the next signal re-arms the timer. The workflow itself must never fail.
            context.CreateReplaySafeLogger(GetType()).LogIdleSignalNotSent(checkpoint.Kind, checkpoint.Id, ex.Message);
        }
    }

    /// <summary>Whether <paramref name="arrival"/> completes before <paramref name="deadline"/> (a durable timer).</summary>
    private static async Task<bool> ArrivesBeforeAsync(WorkflowContext context, Task<SignalBatch> arrival, DateTimeOffset deadline)
    {
        var remaining = deadline - context.CurrentUtcDateTime;
        if (arrival.IsCompleted)
        {
            return true;
        }

        return remaining > TimeSpan.Zero && await Task.WhenAny(arrival, context.CreateTimer(remaining)) == arrival;
    }

    private static WorkflowTaskOptions RetryOptions(EntityWorkflowSettings settings) =>
        new(new WorkflowRetryPolicy(settings.ActivityMaxAttempts, settings.ActivityFirstRetry, 2.0, settings.ActivityMaxRetry));
}
