using Dapr.DurableTask.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EntityActors.App.Entities;

/// <summary>
/// Sits on the workflow worker's channel to the sidecar and tells <see cref="WorkflowTurns"/> whenever this
/// process has handed the sidecar the result of a workflow turn, so the pump reads the new status once, right
/// then, instead of polling for it. Only a hint: the sidecar saves the turn just after it answers, and the pump
/// still reads the saved status before it believes anything.
/// </summary>
public sealed class WorkflowTurnListener(WorkflowTurns turns) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        if (request is not WorkflowResponse turn)
        {
            return call;
        }

        return new AsyncUnaryCall<TResponse>(
            NotifyAsync(call.ResponseAsync, turn.InstanceId),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    private async Task<TResponse> NotifyAsync<TResponse>(Task<TResponse> response, string instanceId)
    {
        var result = await response;
        turns.Handed(instanceId);
        return result;
    }
}
