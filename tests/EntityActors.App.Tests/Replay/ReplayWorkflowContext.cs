using System.Runtime.ExceptionServices;
using System.Text.Json;
using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// A <see cref="WorkflowContext"/> that replays one generation of a recorded history, as Dapr.Workflow 1.18.7's own
/// context does: the same task numbering (one per activity attempt, timer, child workflow, sent event), the same timers
/// for timed waits and retries, events buffered until waited for (and, as in the SDK, handed to the first wait queued
/// for them even when that wait was cancelled), time from each episode's start. Unlike the SDK, it
/// checks every action the code issues against the one the history recorded under that task number
/// (<see cref="ReplayWorkflowContext.Apply"/>); the SDK only matches numbers, so a changed workflow would silently take
/// results that belong to other calls.
/// </summary>
internal sealed partial class ReplayWorkflowContext(string name, string instanceId, IReadOnlyList<HistoryEvent> history, JsonSerializerOptions json)
    : WorkflowContext
{
    /// <summary>The due time the SDK gives the timer of a wait without a timeout.</summary>
    private static readonly DateTime IndefiniteWait = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 253402300799L, Nanos = 999999999 }.ToDateTime();

    private readonly HashSet<string> recordedPatches =
        [.. history.Where(e => e.WorkflowStarted?.Version is not null).SelectMany(e => e.WorkflowStarted.Version.Patches)];

    private readonly Dictionary<int, TaskCompletionSource<HistoryEvent>> openTasks = [];
    private readonly Dictionary<int, WorkflowAction> openTimers = [];
    private readonly SortedDictionary<int, WorkflowAction> issued = [];
    private readonly List<EventRaisedEvent> buffered = [];
    private readonly List<EventRaisedEvent> swallowed = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<HistoryEvent>>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> evaluatedPatches = [];
    private int sequenceNumber;
    private DateTime now = history.Count > 0 ? history[0].Timestamp.ToDateTime() : default;

    public override string Name => name;

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => now;

    /// <summary>Always: every event comes from the recorded history.</summary>
    public override bool IsReplaying => true;

    /// <summary>The continue-as-new the code asked for, if it did.</summary>
    public WorkflowAction? ContinuedAsNew { get; private set; }

    public object? CustomStatus { get; private set; }

    /// <summary>Raised events no wait has taken: what a continue-as-new now would carry over to the next generation.</summary>
    public IReadOnlyList<EventRaisedEvent> Unconsumed => buffered;

    /// <summary>Raised events handed to a wait the code had cancelled: lost, as in the SDK.</summary>
    public IReadOnlyList<EventRaisedEvent> Swallowed => swallowed;

    public IReadOnlyList<string> EvaluatedPatches => evaluatedPatches;

    /// <summary>Events the code waits for now, by name.</summary>
    public IEnumerable<string> WaitingFor =>
        waiters.Where(w => w.Value.Any(tcs => !tcs.Task.IsCompleted)).Select(w => w.Key).Order(StringComparer.Ordinal);

    /// <summary>Whether the history recorded <paramref name="patchName"/> (some episode took its new branch).</summary>
    public bool HasRecorded(string patchName) => recordedPatches.Contains(patchName);

    /// <summary>As the SDK in replay: a patch is in force if the history recorded it.</summary>
    public override bool IsPatched(string patchName)
    {
        evaluatedPatches.Add(patchName);
        return recordedPatches.Contains(patchName);
    }

    public override async Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null)
    {
        if (options?.RetryPolicy is not { } policy)
        {
            return await CallActivityOnceAsync<T>(name, input);
        }

        // The SDK's RetryInterceptor: attempts with durable timers between them, delays from the episode's time.
        var firstAttempt = now;
        WorkflowTaskFailedException? failure = null;
        for (var attempt = 0; attempt < policy.MaxNumberOfAttempts; attempt++)
        {
            try
            {
                return await CallActivityOnceAsync<T>(name, input);
            }
            catch (WorkflowTaskFailedException ex)
            {
                failure = ex;
            }

            var delay = attempt + 1 == policy.MaxNumberOfAttempts ? TimeSpan.Zero : RetryDelay(policy, attempt, firstAttempt);
            if (delay == TimeSpan.Zero)
            {
                break;
            }

            await CreateTimerAsync(now.Add(delay), "retrying an activity", CancellationToken.None);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return default!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        CreateTimerAsync(fireAt, "durable timer", cancellationToken);

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var index = buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var early = buffered[index];
            buffered.RemoveAt(index);
            return Deserialize<T>(early.Input);
        }

        var waiter = new TaskCompletionSource<HistoryEvent>();
        if (!waiters.TryGetValue(eventName, out var queue))
        {
            waiters[eventName] = queue = new Queue<TaskCompletionSource<HistoryEvent>>();
        }

        queue.Enqueue(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        }

        return Deserialize<T>((await waiter.Task).EventRaised.Input);
    }

    /// <summary>
    /// The SDK's timed wait: a timer marked with the event's name first, then the wait; the loser is cancelled. A wait
    /// cancelled by its timer stays queued and takes the next event of its name (<see cref="Raise"/>).
    /// </summary>
    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        if (timeout == TimeSpan.Zero)
        {
            throw new TaskCanceledException($"WaitForExternalEvent '{eventName}' timed out immediately (zero timeout).");
        }

        using var timerCancellation = new CancellationTokenSource();
        var fireAt = timeout < TimeSpan.Zero ? IndefiniteWait : now.Add(timeout);
        var timer = CreateTimerAsync(fireAt, $"waiting for '{eventName}'", timerCancellation.Token);
        using var eventCancellation = new CancellationTokenSource();
        var arrival = WaitForExternalEventAsync<T>(eventName, eventCancellation.Token);
        if (await Task.WhenAny(timer, arrival) == arrival)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await arrival;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        Issue(new WorkflowAction(sequenceNumber++, WorkflowAction.EventSent, $"{eventName} to {instanceId}", Serialize(payload)));

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override async Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null)
    {
        if (options?.RetryPolicy is not null || options?.InstanceId is null)
        {
            throw new NotSupportedException("The replayer knows child workflows with an explicit instance id and no retry policy; teach it more when a workflow needs it.");
        }

        var taskId = sequenceNumber++;
        var completion = Open(taskId);
        Issue(new WorkflowAction(taskId, WorkflowAction.ChildWorkflow, workflowName, Serialize(input)));
        var result = await completion;
        return result switch
        {
            { ChildWorkflowInstanceCompleted: { } completed } => Deserialize<TResult>(completed.Result),
            { ChildWorkflowInstanceFailed: { } failed } => throw Failure($"Child workflow '{workflowName}' failed", failed.FailureDetails),
            _ => throw new InvalidOperationException($"Task {taskId} was completed by {result.EventTypeCase}."),
        };
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    public override ILogger CreateReplaySafeLogger(System.Type type) => NullLogger.Instance;

    public override ILogger CreateReplaySafeLogger<T>() => NullLogger.Instance;

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinuedAsNew = new WorkflowAction(sequenceNumber++, WorkflowAction.ContinueAsNew, string.Empty, Serialize(newInput));

    public override Dapr.Workflow.PropagatedHistory? GetPropagatedHistory() => null;

    public override Guid NewGuid() =>
        throw new NotSupportedException("No recorded workflow makes ids yet; port the SDK's name-based ids here when one does.");

    private async Task<T> CallActivityOnceAsync<T>(string activity, object? input)
    {
        var taskId = sequenceNumber++;
        var completion = Open(taskId);
        Issue(new WorkflowAction(taskId, WorkflowAction.Activity, activity, Serialize(input)));
        var result = await completion;
        return result switch
        {
            { TaskCompleted: { } completed } => Deserialize<T>(completed.Result),
            { TaskFailed: { } failed } => throw Failure("Task failed: " + failed.FailureDetails?.ErrorMessage, failed.FailureDetails),
            _ => throw new InvalidOperationException($"Task {taskId} was completed by {result.EventTypeCase}."),
        };
    }

    private async Task CreateTimerAsync(DateTime fireAt, string origin, CancellationToken cancellationToken)
    {
        var taskId = sequenceNumber++;
        var fired = Open(taskId);
        var timer = new WorkflowAction(taskId, WorkflowAction.Timer, origin, null, Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(fireAt).ToDateTime());
        openTimers[taskId] = timer;
        Issue(timer);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (openTasks.Remove(taskId, out var open))
                {
                    openTimers.Remove(taskId);
                    open.TrySetCanceled();
                }
            });
        }

        await fired;
    }

    private Task<HistoryEvent> Open(int taskId)
    {
        var completion = new TaskCompletionSource<HistoryEvent>();
        openTasks[taskId] = completion;
        return completion.Task;
    }

    private void Issue(WorkflowAction action) => issued[action.TaskId] = action;

    private string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json);

    private T Deserialize<T>(string? value) => string.IsNullOrEmpty(value) ? default! : JsonSerializer.Deserialize<T>(value, json)!;

    private static WorkflowTaskFailedException Failure(string message, TaskFailureDetails? details) =>
        new(message, new WorkflowTaskFailureDetails(details?.ErrorType ?? "Exception", details?.ErrorMessage ?? "Unknown error", details?.StackTrace));

    private TimeSpan RetryDelay(WorkflowRetryPolicy policy, int attempt, DateTime firstAttempt)
    {
        var deadline = policy.RetryTimeout != Timeout.InfiniteTimeSpan && policy.RetryTimeout != TimeSpan.MaxValue
            ? firstAttempt.Add(policy.RetryTimeout)
            : DateTime.MaxValue;
        if (now >= deadline)
        {
            return TimeSpan.Zero;
        }

        var delay = TimeSpan.FromMilliseconds(policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, attempt));
        return policy.MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
