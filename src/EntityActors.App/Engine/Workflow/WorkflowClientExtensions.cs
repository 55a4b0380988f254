using Dapr.Workflow;
using EntityActors.App.Engine.Diagnostics;

namespace EntityActors.App.Engine.Workflow;

/// <summary>The workflow client calls the engine makes, with the Dapr behaviours they must absorb.</summary>
public static class WorkflowClientExtensions
{
    private const int Attempts = 10;

    /// <summary>
    /// Reads an instance with its inputs and custom status. The sidecar reads an instance's rows without a
    /// transaction, so a read racing the workflow's own save can see metadata naming rows not yet written
    /// ("… missing from state store"); such a torn read is retried, and the next one is consistent.
    /// </summary>
    public static async Task<WorkflowState?> ReadWorkflowStateAsync(
        this DaprWorkflowClient workflows, string instanceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && DaprErrors.IsTornWorkflowRead(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Schedules a workflow whose id the caller has just seen absent. Returns false when a concurrent caller
    /// scheduled it first: Dapr reports that as "an active workflow with ID … already exists" (status Unknown, not
    /// AlreadyExists), and the instance then exists either way.
    /// </summary>
    public static async Task<bool> TryScheduleNewWorkflowAsync(
        this DaprWorkflowClient workflows, string name, string instanceId, object input)
    {
        try
        {
            await workflows.ScheduleNewWorkflowAsync(name, instanceId, input);
            return true;
        }
        catch (Exception ex) when (DaprErrors.IsWorkflowAlreadyRunning(ex))
        {
            return false;
        }
    }
}
