namespace EntityActors.App.Entities;

/// <summary>
/// What an entity workflow publishes as its custom status after every turn; queries read it without
/// replaying anything.
/// </summary>
public sealed record EntityView<TState>(
    string Kind,
    string Id,
    long Version,
    long Sequence,
    TState State,
    DateTimeOffset? LastChangedAt,
    long Generation,
    IReadOnlyList<SignalOutcome> RecentOutcomes)
{
    public SignalOutcome? FindOutcome(long sequence) =>
        RecentOutcomes.FirstOrDefault(outcome => outcome.Sequence == sequence);
}
