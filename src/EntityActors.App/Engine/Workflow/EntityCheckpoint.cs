using System.Collections.Immutable;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// Everything an entity workflow carries from one generation to the next through continue-as-new:
/// the entity's state, its counters, signals that arrived ahead of a gap, and the latest outcomes.
/// </summary>
/// <param name="Version">Number of signals the rules accepted (each one changes the state).</param>
/// <param name="Sequence">Sequence of the last signal handled, accepted or rejected.</param>
/// <param name="Pending">Envelopes that arrived out of order, waiting for the gap before them to fill.</param>
/// <param name="Recent">The latest outcomes, newest last, so a waiting caller finds its answer in the status.</param>
/// <param name="HandledThisGeneration">Signals handled since the last continue-as-new; bounds the history.</param>
/// <param name="Settings">The latest settings the actor sent.</param>
/// <param name="Outbox">
/// Applied signals whose outcome records, events and reactions may not have left yet, oldest first. The
/// <see cref="SignalPump"/> relays them and reports back through <see cref="SignalBatch.RelayedThrough"/>.
/// </param>
/// <param name="RelayedThrough">Highest sequence whose outcome is known to be relayed.</param>
public sealed record EntityCheckpoint<TState>(
    string Kind,
    string Id,
    TState State,
    long Version,
    long Sequence,
    DateTimeOffset? LastChangedAt,
    ImmutableList<SignalEnvelope> Pending,
    ImmutableList<SignalOutcome> Recent,
    int HandledThisGeneration,
    long Generation,
    EntityWorkflowSettings Settings,
    ImmutableList<AppliedSignal>? Outbox = null,
    long RelayedThrough = 0)
{
    public ImmutableList<AppliedSignal> Outbox { get; init; } = Outbox ?? [];

    public static EntityCheckpoint<TState> Initial(string kind, string id, TState state, EntityWorkflowSettings settings) =>
        new(kind, id, state, 0, 0, null, [], [], 0, 0, settings);

    public EntityView<TState> ToView() =>
        new(Kind, Id, Version, Sequence, State, LastChangedAt, Generation, Recent, Outbox, RelayedThrough);

    /// <summary>The input of the next generation: same entity, fresh history.</summary>
    public EntityCheckpoint<TState> NextGeneration() =>
        this with { HandledThisGeneration = 0, Generation = Generation + 1 };
}
