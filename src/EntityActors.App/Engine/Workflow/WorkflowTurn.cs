namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// A turn of a workflow that this process's worker ran and the sidecar accepted. <paramref name="CustomStatus"/>
/// is the status the turn set (JSON), or null when the turn ended the workflow or set none: then only a read of
/// the saved state tells what happened.
/// </summary>
public sealed record WorkflowTurn(string InstanceId, string? CustomStatus);
