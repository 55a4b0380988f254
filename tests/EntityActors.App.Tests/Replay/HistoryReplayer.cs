using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// Replays a recorded history against a workflow class, without a sidecar: starts the code with the recorded input,
/// feeds it the recorded events in order, and requires that it issues exactly the recorded actions, ends as the history
/// ends (completed with the recorded output, or still running), and, where a generation continued as new into the next,
/// continues as new with exactly the next generation's input once given the generation's last batch.
/// </summary>
internal static class HistoryReplayer
{
    /// <returns>The patches the code asked for, with whether the history had them (the new branch) or not (the old).</returns>
    /// <exception cref="ReplayMismatchException">Where and how the code departs from the history.</exception>
    public static Task<IReadOnlyDictionary<string, bool>> ReplayAsync(IWorkflow workflow, HistoryFile history, JsonSerializerOptions json) =>
        // Off the test framework's synchronization context: the code resumes inline as each event completes its task,
        // as it does on the SDK's worker thread.
        Task.Run(() => Replay(workflow, history, json));

    private static IReadOnlyDictionary<string, bool> Replay(IWorkflow workflow, HistoryFile history, JsonSerializerOptions json)
    {
        var patches = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var index = 0; index < history.Generations.Count; index++)
        {
            var generation = history.Generations[index];
            var next = index + 1 < history.Generations.Count ? history.Generations[index + 1] : null;
            var ending = index < history.Endings.Count ? history.Endings[index] : [];
            var where = $"{history.Workflow} does not replay {history.Name} (generation {index + 1} of {history.Generations.Count})";
            var context = new ReplayWorkflowContext(history.Workflow, history.InstanceId, generation, json);
            var started = Start(generation, where);
            var run = workflow.RunAsync(context, JsonSerializer.Deserialize(started.Input, workflow.InputType, json));
            var position = 0;
            try
            {
                foreach (var historyEvent in generation)
                {
                    position++;
                    context.Apply(historyEvent);
                }

                context.EnsureEverythingIssuedWasRecorded("the last recorded event");
                if (next is null)
                {
                    EndsAsRecorded(context, run, generation, workflow, json);
                }
                else
                {
                    foreach (var historyEvent in ending)
                    {
                        position++;
                        context.Apply(historyEvent);
                    }

                    position++;
                    ContinuesAsNewInto(context, run, Start(next, where));
                }
            }
            catch (ReplayMismatchException ex)
            {
                throw new ReplayMismatchException($"{where}: at event {position} (episode {context.Episode}), {ex.Message}");
            }

            foreach (var patch in context.EvaluatedPatches)
            {
                patches[patch] = context.HasRecorded(patch);
            }
        }

        return patches;
    }

    private static ExecutionStartedEvent Start(IReadOnlyList<HistoryEvent> generation, string where) =>
        generation.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted
        ?? throw new ReplayMismatchException($"{where}: the generation has no start event.");

    private static void EndsAsRecorded(ReplayWorkflowContext context, Task<object?> run, IReadOnlyList<HistoryEvent> generation, IWorkflow workflow, JsonSerializerOptions json)
    {
        if (context.ContinuedAsNew is { } continued)
        {
            throw new ReplayMismatchException($"the code asked for {continued}, which the history never recorded ({context.Describe()}).");
        }

        var completed = generation.LastOrDefault(e => e.ExecutionCompleted is not null)?.ExecutionCompleted;
        if (completed is null)
        {
            if (run.IsCompleted)
            {
                throw new ReplayMismatchException($"the history is still running, but the code ended ({Outcome(run)}).");
            }

            return;
        }

        if (completed.WorkflowStatus != OrchestrationStatus.Completed)
        {
            if (!run.IsFaulted)
            {
                throw new ReplayMismatchException($"the history ends {completed.WorkflowStatus}, but the code {(run.IsCompleted ? Outcome(run) : context.Describe())}.");
            }

            return;
        }

        if (!run.IsCompletedSuccessfully)
        {
            throw new ReplayMismatchException($"the history completes the workflow, but {(run.IsCompleted ? "the code " + Outcome(run) : context.Describe())}.");
        }

        var output = JsonSerializer.SerializeToNode(run.Result, workflow.OutputType, json);
        var recorded = string.IsNullOrEmpty(completed.Result) ? null : JsonNode.Parse(completed.Result);
        if (!JsonNode.DeepEquals(output, recorded))
        {
            throw new ReplayMismatchException($"the workflow completes with {output?.ToJsonString()}, but the history recorded {completed.Result}.");
        }
    }

    /// <summary>
    /// The history of a generation that continued as new stops before its last episode (the runtime keeps only the new
    /// generation's); the file's ending for it (its last batch) has been applied: the code must have continued as new
    /// with the input the next generation started with, having issued nothing else.
    /// </summary>
    private static void ContinuesAsNewInto(ReplayWorkflowContext context, Task<object?> run, ExecutionStartedEvent next)
    {
        context.EnsureEverythingIssuedWasRecorded("the generation's last batch");
        if (context.ContinuedAsNew is null && run.IsCompleted)
        {
            throw new ReplayMismatchException($"the next generation follows, but the code ended ({Outcome(run)}).");
        }

        var expected = new WorkflowAction(context.ContinuedAsNew?.TaskId ?? -1, WorkflowAction.ContinueAsNew, string.Empty, next.Input);
        if (context.ContinuedAsNew is not { } continued)
        {
            throw new ReplayMismatchException($"the next generation follows, but the code did not continue as new ({context.Describe()}).");
        }

        if (!continued.SameAs(expected))
        {
            throw new ReplayMismatchException($"the code asked for {continued}, but the next generation started with {expected}.");
        }
    }

    private static string Outcome(Task<object?> run) => run.Status switch
    {
        TaskStatus.RanToCompletion => "it completed",
        TaskStatus.Faulted => $"it failed: {run.Exception?.GetBaseException().Message}",
        _ => $"it is {run.Status}",
    };
}
