using Dapr.Workflow;
using Grpc.Core;

namespace EntityActors.Bench;

/// <summary>Reads of a workflow's state through a sidecar, as the bench makes them of the product's and the baseline's.</summary>
public static class WorkflowStateReads
{
    private const int TornReadAttempts = 10;

    /// <summary>
    /// The instance's state with its custom status. The sidecar reads an instance's rows without a transaction, so a read
    /// racing a save can name rows not written yet ("… missing from state store"): such a read is tried again.
    /// </summary>
    public static async Task<WorkflowState?> ReadStateAsync(this DaprWorkflowClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            }
            catch (RpcException ex) when (attempt < TornReadAttempts && ex.Status.Detail.Contains("missing from state store", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(attempt), cancellationToken);
            }
        }
    }
}
