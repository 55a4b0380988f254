using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using Microsoft.Extensions.Logging;

namespace EntityActors.App.Tests.Support;

/// <summary>
/// A <see cref="WorkflowContext"/> without a sidecar. External events come from a queue of batches, each
/// passed through JSON as the runtime would; once the queue is empty a wait never completes, so a test
/// awaits <see cref="Idle"/> and then asserts on what the workflow did up to there. Every call is recorded
/// in <see cref="Timeline"/> in the order the workflow made it.
/// </summary>
internal sealed class FakeWorkflowContext(DateTime now, IEnumerable<SignalBatch> batches) : WorkflowContext
{
    private readonly Queue<SignalBatch> inbox = new(batches);
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<TaskCompletionSource<SignalBatch>> waiting = new();

    public FakeWorkflowContext(params SignalBatch[] batches)
        : this(Clock.T2.UtcDateTime, batches)
    {
    }

    /// <summary>Completes when the workflow waits for a batch and none is left.</summary>
    public Task Idle => idle.Task;

    public List<string> Timeline { get; } = [];

    public List<string> WaitedFor { get; } = [];

    public List<object?> Statuses { get; } = [];

    public List<ActivityCall> Activities { get; } = [];

    public ContinueAsNewCall? ContinuedAsNew { get; private set; }

    /// <summary>Timers fire at once; otherwise a timer never fires.</summary>
    public bool TimersFire { get; init; }

    /// <summary>
    /// Batches are held back until the workflow calls an activity (e.g. an idle entity signalling itself), then the
    /// next goes to the oldest wait still open: events that arrive while the workflow waits.
    /// </summary>
    public bool BatchesFollowActivities { get; init; }

    /// <summary>Decides, per activity call (0-based), whether it fails after all its retries.</summary>
    public Func<int, bool> ActivityFails { get; set; } = _ => false;

    public RecordingLogger Logger { get; } = new();

    public override string Name => "AccountWorkflow";

    public override string InstanceId => Accounts.Address.InstanceId;

    public override DateTime CurrentUtcDateTime { get; } = now;

    public override bool IsReplaying => false;

    public override bool IsPatched(string patchName) => true;

    public override Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public override Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null)
    {
        var index = Activities.Count;
        Activities.Add(new ActivityCall(name, input, options));
        Timeline.Add($"activity:{name}");
        if (BatchesFollowActivities && waiting.Count > 0 && inbox.TryDequeue(out var batch))
        {
            waiting.Dequeue().TrySetResult(batch);
        }

        return ActivityFails(index)
            ? Task.FromException<T>(new WorkflowTaskFailedException(
                $"Task '{name}' (#{index}) failed with an unhandled exception: state store unavailable",
                new WorkflowTaskFailureDetails("System.InvalidOperationException", "state store unavailable", null)))
            : Task.FromResult(default(T)!);
    }

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Timeline.Add("timer");
        return TimersFire ? Task.CompletedTask : new TaskCompletionSource().Task;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => CreateTimer(fireAt - CurrentUtcDateTime, cancellationToken);

    public override Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default) =>
        NextEvent<T>(eventName);

    // A timed wait behaves like an untimed one here: the deadline never passes before the queue is empty.
    public override Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout) =>
        NextEvent<T>(eventName);

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        throw new NotSupportedException("Entity workflows send no events.");

    public override void SetCustomStatus(object? customStatus)
    {
        Statuses.Add(customStatus);
        Timeline.Add("status");
    }

    public override Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) =>
        throw new NotSupportedException("Entity workflows start no child workflows.");

    public override Task CallChildWorkflowAsync(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) =>
        throw new NotSupportedException("Entity workflows start no child workflows.");

    public override ILogger CreateReplaySafeLogger(string categoryName) => Logger;

    public override ILogger CreateReplaySafeLogger(Type type) => Logger;

    public override ILogger CreateReplaySafeLogger<T>() => Logger;

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = new ContinueAsNewCall(newInput, preserveUnprocessedEvents);
        Timeline.Add("continue-as-new");
    }

    public override PropagatedHistory? GetPropagatedHistory() => null;

    public override Guid NewGuid() => throw new NotSupportedException("Entity workflows need no ids.");

    private Task<T> NextEvent<T>(string eventName)
    {
        WaitedFor.Add(eventName);
        Timeline.Add($"wait:{eventName}");
        if (BatchesFollowActivities)
        {
            var held = new TaskCompletionSource<SignalBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(held);
            return OverTheWireAsync<T>(held.Task);
        }

        if (inbox.TryDequeue(out var batch))
        {
            return Task.FromResult(OverTheWire<T>(batch));
        }

        idle.TrySetResult();
        return new TaskCompletionSource<T>().Task;
    }

    private async Task<T> OverTheWireAsync<T>(Task<SignalBatch> batch)
    {
        var arrived = batch.IsCompleted ? batch.Result : await WhenArrivedOrIdleAsync(batch);
        return OverTheWire<T>(arrived);
    }

    private async Task<SignalBatch> WhenArrivedOrIdleAsync(Task<SignalBatch> batch)
    {
        if (inbox.Count == 0)
        {
            idle.TrySetResult();
        }

        return await batch;
    }

    private static T OverTheWire<T>(SignalBatch batch) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(batch, EntityJson.Options), EntityJson.Options)!;
}
