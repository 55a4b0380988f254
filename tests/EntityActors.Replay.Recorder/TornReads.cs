using Dapr.Workflow;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// A read of a workflow the sidecar is saving at that moment can fail ("inbox key … declared in metadata but missing
/// from state store"): the sidecar reads an instance's metadata and its rows apart, without a transaction. Such a read
/// is tried again, a few times; the next one is consistent.
/// </summary>
public static class TornReads
{
    private const int Attempts = 5;

    public static async Task<T> RetriedAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Grpc.Core.RpcException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>The instance's state with its inputs and custom status, a torn read tried again.</summary>
    public static Task<WorkflowState?> ReadStateAsync(this DaprWorkflowClient client, string instanceId) =>
        RetriedAsync<WorkflowState?>(async () => await client.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true));
}
