using Dapr.Workflow;

namespace EntityActors.App.Entities;

/// <summary>
/// Queues a signal for an entity without waiting for its answer: how an entity workflow signals itself
/// (waiting would deadlock, since the answer needs the very workflow that is waiting).
/// </summary>
public sealed class SubmitSignalActivity(SignalSender sender) : WorkflowActivity<SignalCommand, SignalReceipt>
{
    public override async Task<SignalReceipt> RunAsync(WorkflowActivityContext context, SignalCommand input) =>
        (await sender.SubmitAsync(input)).Receipt;
}
