using Dapr.DurableTask.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// Sits on the workflow worker's channel to the sidecar and tells <see cref="WorkflowTurns"/> whenever the
/// sidecar accepted the result of a workflow turn this process ran, with the custom status the turn set, so the
/// pump learns an entity's new view the moment it exists instead of reading it back from the sidecar.
/// </summary>
public sealed class WorkflowTurnListener(WorkflowTurns turns) : Interceptor
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
            NotifyAsync(call.ResponseAsync, Turn(response)),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    /// <summary>
    /// A turn that completes, fails or terminates the workflow is not a view of a live entity: the pump has to
    /// read what the sidecar made of it. Continuing as new keeps the status the turn set (the generation's last).
    /// </summary>
    private static WorkflowTurn Turn(WorkflowResponse response)
    {
        var ends = response.Actions.Any(action =>
            action.CompleteWorkflow is { } complete && complete.WorkflowStatus != OrchestrationStatus.ContinuedAsNew);
        return new WorkflowTurn(response.InstanceId, ends || string.IsNullOrEmpty(response.CustomStatus) ? null : response.CustomStatus);
    }

    private async Task<TResponse> NotifyAsync<TResponse>(Task<TResponse> response, WorkflowTurn turn)
    {
        var result = await response;
        turns.Handed(turn);
        return result;
    }
}
