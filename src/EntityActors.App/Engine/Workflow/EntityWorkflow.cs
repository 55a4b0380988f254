using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Relay;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// One long-lived workflow per entity: wait for a batch of signals, let the domain decide, publish the new
/// view (with its outbox of outcomes and events to relay) as custom status, and continue as new before the
/// history grows. It never returns on its own: a completed or failed entity workflow would be wiped and
/// restarted from scratch by the next schedule of its id.
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
            checkpoint = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(
                checkpoint, new SignalBatch([], checkpoint.Settings, checkpoint.RelayedThrough), context.CurrentUtcDateTime).Checkpoint;
        }

        // Continue-as-new clears the custom status: publish it before the first wait of every generation.
        context.SetCustomStatus(checkpoint.ToView());

        // Outcome records, events and reactions leave through the outbox in the custom status, relayed by the
        // SignalPump outside the workflow: one turn per batch, no activity, no scheduler dispatch. Only when
        // the outbox overflows (no relay is keeping up) does the workflow record the oldest itself, one
        // activity at a time, while arriving batches go on being decided.
        Task? recording = null;
        Task<SignalBatch?>? arrival = null;
        long? idleSignalSentAt = null;
        while (checkpoint.HandledThisGeneration < checkpoint.Settings.ContinueAsNewAfterSignals)
        {
            // An entity that goes idle signals itself through its own intake, so the signal is sequenced,
            // deduplicated and decided like any other. Once sent, wait for it rather than set another timer.
            arrival ??= WaitForSignalsAsync(context, idleSignalSentAt == checkpoint.Sequence ? null : IdleDeadline(checkpoint));
            if (recording is not null && await Task.WhenAny(arrival, recording) == recording)
            {
                (checkpoint, recording) = RecordOverflow(context, checkpoint);
                continue;
            }

            var batch = await arrival;
            arrival = null;
            if (batch is null)
            {
                await SendIdleSignalAsync(context, checkpoint);
                idleSignalSentAt = checkpoint.Sequence;
                continue;
            }

            checkpoint = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(checkpoint, batch, context.CurrentUtcDateTime).Checkpoint;
            if (recording is null)
            {
                (checkpoint, recording) = RecordOverflow(context, checkpoint);
            }

            context.SetCustomStatus(checkpoint.ToView());
        }

        // Nothing is waiting for an event here (every arrival was consumed), so no signal can be lost. The outbox
        // travels in the checkpoint; an overflow recording in flight finishes before the history is dropped.
        if (recording is not null)
        {
            await recording;
        }

        context.ContinueAsNew(checkpoint.NextGeneration(), preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// When the outbox holds more than its capacity, takes the oldest half out of it and starts recording them
    /// through <see cref="RecordOutcomesActivity"/>; the task never faults. Otherwise changes nothing.
    /// </summary>
    private (EntityCheckpoint<TState> Checkpoint, Task? Recording) RecordOverflow(WorkflowContext context, EntityCheckpoint<TState> checkpoint)
    {
        var capacity = Math.Max(1, checkpoint.Settings.OutboxCapacity);
        if (checkpoint.Outbox.Count <= capacity)
        {
            return (checkpoint, null);
        }

        var overflow = checkpoint.Outbox.Count - (capacity / 2);
        var batch = new OutcomeBatch(checkpoint.Kind, checkpoint.Id, [.. checkpoint.Outbox.Take(overflow)]);
        var relayed = batch.Applied[^1].Outcome.Sequence;
        var next = checkpoint with
        {
            Outbox = checkpoint.Outbox.RemoveRange(0, overflow),
            RelayedThrough = Math.Max(checkpoint.RelayedThrough, relayed),
        };
        return (next, RecordAsync(context, batch, checkpoint.Settings));
    }

    /// <summary>When this entity, if nothing else arrives, should be sent its <see cref="IdleSignal"/>; null for never.</summary>
    protected virtual DateTimeOffset? IdleDeadline(EntityCheckpoint<TState> checkpoint) => null;

    /// <summary>The signal an idle entity sends itself; its key makes a replayed or retried send a duplicate.</summary>
    protected virtual SignalCommand IdleSignal(EntityCheckpoint<TState> checkpoint) =>
        throw new NotSupportedException($"{GetType().Name} has no idle signal.");

    private async Task RecordAsync(WorkflowContext context, OutcomeBatch batch, EntityWorkflowSettings settings)
    {
        try
        {
            await context.CallActivityAsync(nameof(RecordOutcomesActivity), batch, RetryOptions(settings));
        }
        catch (WorkflowTaskFailedException ex)
        {
            // The state change stands (it is the entity's truth); only its echo outside failed.
            context.CreateReplaySafeLogger(GetType()).LogOutcomesNotRecorded(batch.Kind, batch.Id, ex.Message);
        }
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

    /// <summary>The next batch, or null when the deadline passed first.</summary>
    private static async Task<SignalBatch?> WaitForSignalsAsync(WorkflowContext context, DateTimeOffset? deadline)
    {
        if (deadline is not { } due)
        {
            return await context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals);
        }

        var remaining = due - context.CurrentUtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        try
        {
            return await context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals, remaining);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static WorkflowTaskOptions RetryOptions(EntityWorkflowSettings settings) =>
        new(new WorkflowRetryPolicy(
            settings.RecordOutcomesMaxAttempts, settings.RecordOutcomesFirstRetry, 2.0, settings.RecordOutcomesMaxRetry));
}
