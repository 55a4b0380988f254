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
        long? idleSignalSentAt = null;
        while (checkpoint.HandledThisGeneration < checkpoint.Settings.ContinueAsNewAfterSignals)
        {
            // An entity that goes idle signals itself through its own intake, so the signal is sequenced,
            // deduplicated and decided like any other. Once sent, wait for it rather than set another timer.
            var deadline = idleSignalSentAt == checkpoint.Sequence ? null : IdleDeadline(checkpoint);
            var batch = await WaitForSignalsAsync(context, deadline);
            if (batch is null)
            {
                try
                {
                    await context.CallActivityAsync<SignalReceipt>(
                        nameof(SubmitSignalActivity), IdleSignal(checkpoint), RetryOptions(checkpoint.Settings));
                }
                catch (WorkflowTaskFailedException ex)
                {
                    // Not sent; the next signal re-arms the timer. The workflow itself must never fail.
                    context.CreateReplaySafeLogger(GetType()).LogIdleSignalNotSent(checkpoint.Kind, checkpoint.Id, ex.Message);
                }

                idleSignalSentAt = checkpoint.Sequence;
                continue;
            }

            var turn = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(checkpoint, batch, context.CurrentUtcDateTime);
            checkpoint = turn.Checkpoint;
            context.SetCustomStatus(checkpoint.ToView());

            if (turn.Applied.Count == 0)
            {
                continue;
            }

            try
            {
                await context.CallActivityAsync(
                    nameof(RecordOutcomesActivity),
                    new OutcomeBatch(checkpoint.Kind, checkpoint.Id, turn.Applied),
                    RetryOptions(checkpoint.Settings));
            }
            catch (WorkflowTaskFailedException ex)
            {
                // The state change stands (it is the entity's truth); only its echo outside failed.
                context.CreateReplaySafeLogger(GetType()).LogOutcomesNotRecorded(checkpoint.Kind, checkpoint.Id, ex.Message);
            }
        }

        context.ContinueAsNew(checkpoint.NextGeneration(), preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>When this entity, if nothing else arrives, should be sent its <see cref="IdleSignal"/>; null for never.</summary>
    protected virtual DateTimeOffset? IdleDeadline(EntityCheckpoint<TState> checkpoint) => null;

    /// <summary>The signal an idle entity sends itself; its key makes a replayed or retried send a duplicate.</summary>
    protected virtual SignalCommand IdleSignal(EntityCheckpoint<TState> checkpoint) =>
        throw new NotSupportedException($"{GetType().Name} has no idle signal.");

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
