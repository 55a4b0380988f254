using Dapr.Workflow;
using Grpc.Core;

namespace EntityActors.App.Entities;

public static class WorkflowStateReads
{
    private const int Attempts = 10;

    /// <summary>
    /// Reads an instance with its inputs and custom status. The sidecar reads an instance's rows without a
    /// transaction, so a read racing the workflow's own save can see metadata naming rows not yet written
    /// ("… missing from state store"); such a torn read is retried, and the next one is consistent.
    /// </summary>
    public static async Task<WorkflowState?> ReadWorkflowStateAsync(
        this DaprWorkflowClient workflows, string instanceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            }
            catch (RpcException ex) when (attempt < Attempts && ex.Status.Detail.Contains("missing from state store", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(attempt), cancellationToken);
            }
        }
    }
}
