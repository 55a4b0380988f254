namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// An episode of a workflow (one run of its code over its history and new events) that this process's worker ran and
/// the sidecar accepted. <paramref name="CustomStatus"/> is the status the episode set (JSON), or null when it ended
/// the workflow or set none: then only a read of the saved state tells what happened.
/// </summary>
public sealed record WorkflowEpisode(string InstanceId, string? CustomStatus);
