using Dapr.DurableTask.Protobuf;
using EntityActors.App.Engine.Workflow;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EntityActors.App.Tests.Engine.Workflow;

public class WorkflowEpisodeListenerTests
{
    private const string View = """{"kind":"accounts","id":"a1","sequence":7}""";

    [Fact]
    public async Task A_turn_the_sidecar_accepted_hands_over_the_status_it_set()
    {
        var (turns, handed) = Listen();

        await Complete(turns, Response("accounts-a1", View, Timer()), Accepted());

        handed.Should().ContainSingle().Which.Should().Be(new WorkflowEpisode("accounts-a1", View));
    }

    [Fact]
    public async Task A_turn_that_continues_as_new_hands_over_the_last_status_of_its_generation()
    {
        var (turns, handed) = Listen();

        await Complete(turns, Response("accounts-a1", View, Completion(OrchestrationStatus.ContinuedAsNew)), Accepted());

        handed.Should().ContainSingle().Which.CustomStatus.Should().Be(View);
    }

    [Theory]
    [InlineData(OrchestrationStatus.Completed)]
    [InlineData(OrchestrationStatus.Failed)]
    [InlineData(OrchestrationStatus.Terminated)]
    public async Task A_turn_that_ends_the_workflow_hands_over_no_status(OrchestrationStatus status)
    {
        var (turns, handed) = Listen();

        await Complete(turns, Response("accounts-a1", View, Completion(status)), Accepted());

        handed.Should().ContainSingle().Which.Should().Be(new WorkflowEpisode("accounts-a1", null), "only the saved state tells what became of it");
    }

    [Fact]
    public async Task A_turn_without_a_status_hands_over_none()
    {
        var (turns, handed) = Listen();

        await Complete(turns, Response("accounts-a1", customStatus: null), Accepted());

        handed.Should().ContainSingle().Which.CustomStatus.Should().BeNull();
    }

    [Fact]
    public async Task A_turn_the_sidecar_refused_is_not_reported()
    {
        var (turns, handed) = Listen();

        var completing = () => Complete(turns, Response("accounts-a1", View), Refused());

        await completing.Should().ThrowAsync<RpcException>();
        handed.Should().BeEmpty();
    }

    [Fact]
    public async Task Other_calls_on_the_channel_are_not_reported()
    {
        var (turns, handed) = Listen();
        var listener = new WorkflowEpisodeListener(turns);
        var request = new RaiseEventRequest { InstanceId = "accounts-a1", Name = "signals" };

        using var call = listener.AsyncUnaryCall(request, Context<RaiseEventRequest, RaiseEventResponse>(), (_, _) => Call(Task.FromResult(new RaiseEventResponse())));
        await call.ResponseAsync;

        handed.Should().BeEmpty();
    }

    private static (WorkflowEpisodes Turns, List<WorkflowEpisode> Handed) Listen()
    {
        var turns = new WorkflowEpisodes();
        var handed = new List<WorkflowEpisode>();
        turns.Subscribe(handed.Add);
        return (turns, handed);
    }

    private static async Task Complete(WorkflowEpisodes turns, WorkflowResponse response, Task<CompleteTaskResponse> sidecarAnswer)
    {
        var listener = new WorkflowEpisodeListener(turns);
        using var call = listener.AsyncUnaryCall(response, Context<WorkflowResponse, CompleteTaskResponse>(), (_, _) => Call(sidecarAnswer));
        await call.ResponseAsync;
    }

    private static WorkflowResponse Response(string instanceId, string? customStatus, params WorkflowAction[] actions)
    {
        var response = new WorkflowResponse { InstanceId = instanceId };
        if (customStatus is not null)
        {
            response.CustomStatus = customStatus;
        }

        response.Actions.AddRange(actions);
        return response;
    }

    private static WorkflowAction Timer() => new() { Id = 1, CreateTimer = new CreateTimerAction() };

    private static WorkflowAction Completion(OrchestrationStatus status) =>
        new() { Id = 2, CompleteWorkflow = new CompleteWorkflowAction { WorkflowStatus = status } };

    private static Task<CompleteTaskResponse> Accepted() => Task.FromResult(new CompleteTaskResponse());

    private static Task<CompleteTaskResponse> Refused() =>
        Task.FromException<CompleteTaskResponse>(new RpcException(new Status(StatusCode.NotFound, "unknown completion token")));

    private static ClientInterceptorContext<TRequest, TResponse> Context<TRequest, TResponse>()
        where TRequest : class
        where TResponse : class =>
        new(new Method<TRequest, TResponse>(MethodType.Unary, "TaskHubSidecarService", "Call", Marshaller<TRequest>(), Marshaller<TResponse>()), null, new CallOptions());

    private static Marshaller<T> Marshaller<T>() => Marshallers.Create<T>(_ => [], _ => default!);

    private static AsyncUnaryCall<T> Call<T>(Task<T> response) =>
        new(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
}
