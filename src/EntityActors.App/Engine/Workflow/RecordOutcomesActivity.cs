using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The workflow's own way out for applied signals, used when its outbox overflows because no
/// <see cref="SignalPump"/> relayed it: records outcomes, publishes events and runs reactions through the
/// same <see cref="OutcomeRecorder"/>. Idempotent, so a retried activity changes nothing twice.
/// </summary>
public sealed class RecordOutcomesActivity(OutcomeRecorder recorder, EntityProgress progress) : WorkflowActivity<OutcomeBatch, object?>
{
    public override async Task<object?> RunAsync(WorkflowActivityContext context, OutcomeBatch input)
    {
        // The workflow committed these outcomes before scheduling this activity: callers waiting here can read them now.
        progress.Reached(new EntityAddress(input.Kind, input.Id).InstanceId, input.Applied.Max(applied => applied.Outcome.Sequence));
        await recorder.RecordAsync(input, CancellationToken.None);
        return null;
    }
}
