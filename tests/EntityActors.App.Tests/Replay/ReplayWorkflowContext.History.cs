using Dapr.DurableTask.Protobuf;

namespace EntityActors.App.Tests.Replay;

/// <summary>How the context takes the recorded events, and where it finds the code doing something else.</summary>
internal sealed partial class ReplayWorkflowContext
{
    private int episodes;

    /// <summary>The episode (one run of the code over new events) the replay has reached, from 1.</summary>
    public int Episode => episodes;

    /// <summary>
    /// Applies one recorded event: an episode's start sets the time (and every action of the episode before it must
    /// have been recorded by then), a scheduling event must match the action the code issued under its task number,
    /// a completion, fired timer or raised event resumes the code.
    /// </summary>
    /// <exception cref="ReplayMismatchException">The code issued something else, or nothing, where the history records an action.</exception>
    public void Apply(HistoryEvent historyEvent)
    {
        if (historyEvent.WorkflowStarted is not null)
        {
            episodes++;
            if (episodes > 1)
            {
                EnsureEverythingIssuedWasRecorded($"episode {episodes - 1} ended");
            }

            now = historyEvent.Timestamp.ToDateTime();
            return;
        }

        if (WorkflowAction.Recorded(historyEvent) is { } recorded)
        {
            Match(recorded);
            return;
        }

        switch (historyEvent.EventTypeCase)
        {
            case HistoryEvent.EventTypeOneofCase.TaskCompleted:
                Complete(historyEvent.TaskCompleted.TaskScheduledId, historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskFailed:
                Complete(historyEvent.TaskFailed.TaskScheduledId, historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.TimerFired:
                Complete(historyEvent.TimerFired.TimerId, historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceCompleted:
                Complete(historyEvent.ChildWorkflowInstanceCompleted.TaskScheduledId, historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceFailed:
                Complete(historyEvent.ChildWorkflowInstanceFailed.TaskScheduledId, historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.EventRaised:
                Raise(historyEvent);
                break;
        }
    }

    /// <summary>At the end of a history: whatever the code issued must have been recorded.</summary>
    public void EnsureEverythingIssuedWasRecorded(string when)
    {
        if (issued.Count > 0)
        {
            throw new ReplayMismatchException(
                $"after {when}, the code issued {string.Join("; ", issued.Values.Select(a => $"task {a.TaskId}: {a}"))}, " +
                "which the history never recorded.");
        }
    }

    /// <summary>The earliest timer the code still waits on.</summary>
    public WorkflowAction? NextDueTimer() => openTimers.Values.OrderBy(t => t.FireAt).ThenBy(t => t.TaskId).FirstOrDefault();

    /// <summary>What the code is doing now, to say so beside a mismatch.</summary>
    public string Describe()
    {
        var waiting = WaitingFor.ToList();
        var timers = openTimers.Values.OrderBy(t => t.TaskId).Select(t => $"task {t.TaskId}: {t}").ToList();
        var parts = new List<string>();
        if (waiting.Count > 0)
        {
            parts.Add($"waiting for event {string.Join(", ", waiting.Select(w => $"'{w}'"))}");
        }

        if (timers.Count > 0)
        {
            parts.Add($"timers pending: {string.Join("; ", timers)}");
        }

        if (openTasks.Keys.Except(openTimers.Keys).Order().ToList() is { Count: > 0 } calls)
        {
            parts.Add($"awaiting task {string.Join(", ", calls)}");
        }

        return parts.Count == 0 ? "the code waits on nothing" : "the code is " + string.Join("; ", parts);
    }

    private void Match(WorkflowAction recorded)
    {
        if (!issued.Remove(recorded.TaskId, out var actual))
        {
            var instead = issued.Count > 0 ? $"issued {issued.Values.First()} as task {issued.Keys.First()} instead" : "issued nothing under that number";
            throw new ReplayMismatchException(
                $"the history records {recorded} as task {recorded.TaskId}, but the code {instead} ({Describe()}).");
        }

        if (!actual.SameAs(recorded))
        {
            throw new ReplayMismatchException(
                $"the history records {recorded} as task {recorded.TaskId}, but the code issued {actual}.");
        }
    }

    private void Complete(int taskId, HistoryEvent completion)
    {
        // A completion of nothing open is a timer the code withdrew (a wait that got its event first): the SDK drops it too.
        if (openTasks.Remove(taskId, out var open))
        {
            openTimers.Remove(taskId);
            open.SetResult(completion);
        }
    }

    /// <summary>
    /// As the SDK's <c>HandleEventRaisedEvent</c>: the first waiter queued for the name takes the event, even one whose
    /// wait was cancelled (the SDK never dequeues those), and then the event is gone; with no waiter it is buffered.
    /// </summary>
    private void Raise(HistoryEvent raised)
    {
        if (waiters.TryGetValue(raised.EventRaised.Name, out var queue) && queue.TryDequeue(out var waiter))
        {
            if (!waiter.TrySetResult(raised))
            {
                swallowed.Add(raised.EventRaised);
            }

            return;
        }

        buffered.Add(raised.EventRaised);
    }
}
