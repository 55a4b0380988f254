namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// News that this process handed the sidecar a workflow episode, from <see cref="WorkflowEpisodeListener"/> (on the
/// worker's gRPC channel) to the relay. A class of its own because the relay uses the workflow client that the
/// listener sits in: neither can depend on the other.
/// </summary>
public sealed class WorkflowEpisodes
{
    private Action<WorkflowEpisode>? handed;

    public void Subscribe(Action<WorkflowEpisode> onHanded) => handed += onHanded;

    public void Handed(WorkflowEpisode episode) => handed?.Invoke(episode);
}
