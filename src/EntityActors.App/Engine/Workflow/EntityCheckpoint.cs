using System.Collections.Immutable;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The entity as decided so far: what its workflow carries from one generation to the next through continue-as-new,
/// and what its single writer holds in memory (the same record, folded over the same envelopes by
/// <see cref="EntityLoop{TEntity, TState, TSignal, TEvent}"/>).
/// </summary>
/// <param name="Version">Number of signals the rules accepted (each one changes the state).</param>
/// <param name="Sequence">Sequence of the last signal handled, accepted or rejected.</param>
/// <param name="Pending">Envelopes that reached the workflow ahead of a gap, waiting for it to fill.</param>
/// <param name="HandledThisGeneration">Signals handled since the last continue-as-new; bounds the history's payload.</param>
/// <param name="Settings">The latest settings the relay sent.</param>
/// <param name="RelayedThrough">Highest sequence whose events the relay reported published.</param>
/// <param name="Divergences">Signals this workflow decided otherwise than their writer did at intake.</param>
/// <param name="BatchesThisGeneration">Batches taken since the last continue-as-new; bounds the history's events.</param>
public sealed record EntityCheckpoint<TState>(
    string Kind,
    string Id,
    TState State,
    long Version,
    long Sequence,
    DateTimeOffset? LastChangedAt,
    ImmutableList<SignalEnvelope> Pending,
    int HandledThisGeneration,
    long Generation,
    EntityWorkflowSettings Settings,
    long RelayedThrough = 0,
    long Divergences = 0,
    SignalDivergence? LastDivergence = null,
    int BatchesThisGeneration = 0)
{
    /// <summary>Whether this generation took as much as its settings allow: it continues as new.</summary>
    public bool GenerationFull => Settings.GenerationFull(BatchesThisGeneration, HandledThisGeneration);

    public static EntityCheckpoint<TState> Initial(string kind, string id, TState state, EntityWorkflowSettings settings) =>
        new(kind, id, state, 0, 0, null, [], 0, 0, settings);

    public EntityView<TState> ToView() =>
        new(Kind, Id, Version, Sequence, State, LastChangedAt, Generation, RelayedThrough, Divergences, LastDivergence);

    /// <summary>The input of the next generation: same entity, fresh history.</summary>
    public EntityCheckpoint<TState> NextGeneration() =>
        this with { HandledThisGeneration = 0, BatchesThisGeneration = 0, Generation = Generation + 1 };
}
