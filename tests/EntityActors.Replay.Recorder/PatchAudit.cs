using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// Which running instances still need a patch's old branch: those whose current generation (an instance's history since
/// it started or last continued as new) never recorded the patch. A patch can be retired once no running instance of a
/// workflow that asks for it is among them.
/// </summary>
public static class PatchAudit
{
    public sealed record Instance(string InstanceId, string Workflow, DateTime GenerationStartedAt, IReadOnlySet<string> Patches);

    /// <summary>Every instance the sidecar lists that is still running (or suspended), with the patches its generation took.</summary>
    public static async Task<IReadOnlyList<Instance>> RunningAsync(DaprWorkflowClient workflows, HistoryReader histories, CancellationToken cancellationToken = default)
    {
        var running = new List<Instance>();
        string? continuation = null;
        do
        {
            var page = await workflows.ListInstanceIdsAsync(continuation, pageSize: 200, cancellationToken);
            foreach (var instanceId in page.InstanceIds)
            {
                var state = await TornReads.RetriedAsync(() => workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: false, cancellationToken), cancellationToken);
                if (state?.RuntimeStatus is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended)
                {
                    running.Add(Describe(instanceId, await TornReads.RetriedAsync(() => histories.ReadAsync(instanceId, cancellationToken), cancellationToken)));
                }
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return running;
    }

    /// <summary>The running instances of <paramref name="workflow"/> (or of any workflow) that never recorded <paramref name="patch"/>.</summary>
    public static IReadOnlyList<Instance> OnOldBranch(IEnumerable<Instance> running, string patch, string? workflow = null) =>
        [.. running.Where(i => !i.Patches.Contains(patch) && (workflow is null || i.Workflow == workflow)).OrderBy(i => i.GenerationStartedAt)];

    public static Instance Describe(string instanceId, IReadOnlyList<HistoryEvent> history) => new(
        instanceId,
        history.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted.Name ?? "?",
        history.Count > 0 ? history[0].Timestamp.ToDateTime() : default,
        history.Where(e => e.WorkflowStarted?.Version is not null).SelectMany(e => e.WorkflowStarted.Version.Patches).ToHashSet(StringComparer.Ordinal));
}
