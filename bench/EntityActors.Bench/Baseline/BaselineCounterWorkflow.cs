using Dapr.Workflow;

namespace EntityActors.Bench.Baseline;

/// <summary>
/// What a thin layer over Dapr would be: every "inc" event is one workflow turn that adds to a counter and publishes it
/// as custom status; continue-as-new every <see cref="BaselineCounterInput.ContinueAsNewAfter"/> events, keeping the
/// events that arrived meanwhile. No dedup, no batching, no activity.
/// </summary>
public sealed class BaselineCounterWorkflow : Workflow<BaselineCounterInput, long>
{
    public const string IncrementEvent = "inc";

    public override async Task<long> RunAsync(WorkflowContext context, BaselineCounterInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var count = input.Count;

        // Continue-as-new clears the custom status: publish it before the first wait of every generation.
        context.SetCustomStatus(count);
        for (var handled = 0; handled < input.ContinueAsNewAfter; handled++)
        {
            count += await context.WaitForExternalEventAsync<int>(IncrementEvent);
            context.SetCustomStatus(count);
        }

        context.ContinueAsNew(input with { Count = count }, preserveUnprocessedEvents: true);
        return count;
    }
}
