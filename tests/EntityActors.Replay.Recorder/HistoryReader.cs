using Dapr.DurableTask.Protobuf;
using Grpc.Net.Client;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// Reads an instance's history from the sidecar's workflow API with every event's data (names, inputs, results,
/// timers), which <c>DaprWorkflowClient.GetInstanceHistoryAsync</c> reduces to event types and times.
/// </summary>
public sealed class HistoryReader(Uri daprGrpcAddress) : IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(daprGrpcAddress);

    /// <summary>The events of the instance's current generation, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var client = new TaskHubSidecarService.TaskHubSidecarServiceClient(channel);
        var response = await client.GetInstanceHistoryAsync(new GetInstanceHistoryRequest { InstanceId = instanceId }, cancellationToken: cancellationToken);
        return [.. response.Events];
    }

    public void Dispose() => channel.Dispose();
}
