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
        while (checkpoint.HandledThisGeneration < checkpoint.Settings.ContinueAsNewAfterSignals)
        {
            var batch = await context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals);
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

    private static WorkflowTaskOptions RetryOptions(EntityWorkflowSettings settings) =>
        new(new WorkflowRetryPolicy(
            settings.RecordOutcomesMaxAttempts, settings.RecordOutcomesFirstRetry, 2.0, settings.RecordOutcomesMaxRetry));
}
