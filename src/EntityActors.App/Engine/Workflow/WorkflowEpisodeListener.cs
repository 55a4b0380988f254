using Dapr.DurableTask.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// Sits on the workflow worker's channel to the sidecar and tells <see cref="WorkflowEpisodes"/> whenever the sidecar
/// accepted the result of a workflow episode this process ran, with the custom status it set, so the relay learns how
/// far an entity's workflow applied the moment it happened instead of reading it back from the sidecar.
/// </summary>
public sealed class WorkflowEpisodeListener(WorkflowEpisodes episodes) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        if (request is not WorkflowResponse response)
        {
            return call;
        }

        return new AsyncUnaryCall<TResponse>(
            NotifyAsync(call.ResponseAsync, Episode(response)),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    /// <summary>
    /// An episode that completes, fails or terminates the workflow is not a view of a live entity: the relay has to
    /// read what the sidecar made of it. Continuing as new keeps the status the episode set (the generation's last).
    /// </summary>
    private static WorkflowEpisode Episode(WorkflowResponse response)
    {
        var ends = response.Actions.Any(action =>
            action.CompleteWorkflow is { } complete && complete.WorkflowStatus != OrchestrationStatus.ContinuedAsNew);
        return new WorkflowEpisode(response.InstanceId, ends || string.IsNullOrEmpty(response.CustomStatus) ? null : response.CustomStatus);
    }

    private async Task<TResponse> NotifyAsync<TResponse>(Task<TResponse> response, WorkflowEpisode episode)
    {
        var result = await response;
        episodes.Handed(episode);
        return result;
    }
}
