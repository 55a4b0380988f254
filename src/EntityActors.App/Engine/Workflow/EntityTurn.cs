using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>The result of absorbing one batch: the new checkpoint and what was applied, in order.</summary>
public sealed record EntityTurn<TState>(EntityCheckpoint<TState> Checkpoint, IReadOnlyList<AppliedSignal> Applied);
