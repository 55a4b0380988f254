using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// News that this process handed the sidecar a workflow turn, from <see cref="WorkflowTurnListener"/> (on the
/// worker's gRPC channel) to the <see cref="SignalPump"/>. A class of its own because the pump uses the
/// workflow client that the listener sits in: neither can depend on the other.
/// </summary>
public sealed class WorkflowTurns
{
    private Action<WorkflowTurn>? handed;

    public void Subscribe(Action<WorkflowTurn> onTurnHanded) => handed += onTurnHanded;

    public void Handed(WorkflowTurn turn) => handed?.Invoke(turn);
}
