using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// What an entity workflow publishes as its custom status after every turn; queries read it without
/// replaying anything, and the <see cref="SignalPump"/> relays its <see cref="Outbox"/>.
/// </summary>
public sealed record EntityView<TState>(
    string Kind,
    string Id,
    long Version,
    long Sequence,
    TState State,
    DateTimeOffset? LastChangedAt,
    long Generation,
    IReadOnlyList<SignalOutcome> RecentOutcomes,
    IReadOnlyList<AppliedSignal>? Outbox = null,
    long RelayedThrough = 0)
{
    public IReadOnlyList<AppliedSignal> Outbox { get; init; } = Outbox ?? [];

    /// <summary>The same view with its state in another shape (e.g. read as JSON, returned as the entity's state type).</summary>
    public EntityView<TOther> WithState<TOther>(TOther state) =>
        new(Kind, Id, Version, Sequence, state, LastChangedAt, Generation, RecentOutcomes, Outbox, RelayedThrough);

    public SignalOutcome? FindOutcome(long sequence) =>
        RecentOutcomes.FirstOrDefault(outcome => outcome.Sequence == sequence);
}
