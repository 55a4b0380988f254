using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// What absorbing one batch into the workflow's checkpoint did: the new checkpoint, the signals applied (in order), and
/// those among them whose outcome differs from the one their single writer decided at intake.
/// </summary>
public sealed record AbsorbedBatch<TState>(
    EntityCheckpoint<TState> Checkpoint, IReadOnlyList<AppliedSignal> Applied, IReadOnlyList<SignalDivergence> Divergences);
