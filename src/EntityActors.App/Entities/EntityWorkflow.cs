using Dapr.Workflow;
using EntityActors.Domain.Common;

namespace EntityActors.App.Entities;

/// <summary>
/// One long-lived workflow per entity: wait for a batch of signals, let the domain decide, publish the new
/// view as custom status, record outcomes and events through an activity, and continue as new before the
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
        // Continue-as-new clears the custom status: publish it before the first wait of every generation.
        context.SetCustomStatus(checkpoint.ToView());

        // Recording outcomes (records, events, reactions) runs beside the intake, one activity at a time: while
        // it runs, arriving batches are decided and their outcomes wait for the next one. A turn never waits
        // for I/O before taking the next batch, and events still leave in sequence order.
        var unrecorded = new List<AppliedSignal>();
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
                recording = unrecorded.Count > 0 ? Record(context, checkpoint, unrecorded) : null;
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

            var turn = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(checkpoint, batch, context.CurrentUtcDateTime);
            checkpoint = turn.Checkpoint;
            context.SetCustomStatus(checkpoint.ToView());
            unrecorded.AddRange(turn.Applied);
            if (recording is null && unrecorded.Count > 0)
            {
                recording = Record(context, checkpoint, unrecorded);
            }
        }

        // Nothing is waiting for an event here (every arrival was consumed), so no signal can be lost; record
        // what is still unrecorded before the history is dropped.
        if (recording is not null)
        {
            await recording;
        }

        if (unrecorded.Count > 0)
        {
            await Record(context, checkpoint, unrecorded);
        }

        context.ContinueAsNew(checkpoint.NextGeneration(), preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>When this entity, if nothing else arrives, should be sent its <see cref="IdleSignal"/>; null for never.</summary>
    protected virtual DateTimeOffset? IdleDeadline(EntityCheckpoint<TState> checkpoint) => null;

    /// <summary>The signal an idle entity sends itself; its key makes a replayed or retried send a duplicate.</summary>
    protected virtual SignalCommand IdleSignal(EntityCheckpoint<TState> checkpoint) =>
        throw new NotSupportedException($"{GetType().Name} has no idle signal.");

    /// <summary>Starts recording <paramref name="applied"/> (and empties it). The task never faults.</summary>
    private Task Record(WorkflowContext context, EntityCheckpoint<TState> checkpoint, List<AppliedSignal> applied)
    {
        var batch = new OutcomeBatch(checkpoint.Kind, checkpoint.Id, [.. applied]);
        applied.Clear();
        return RecordAsync(context, batch, checkpoint.Settings);
    }

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
