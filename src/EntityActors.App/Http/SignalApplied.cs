namespace EntityActors.App.Http;

/// <summary>
/// The 200 answer when the caller waited: the signal was applied and accepted, producing <see cref="Version"/>.
/// <see cref="Entity"/> is the entity as read right after, so it may already include later signals.
/// </summary>
public sealed record SignalApplied<TState>(
    string SignalId,
    string Signal,
    string IdempotencyKey,
    long Sequence,
    long Version,
    bool Duplicate,
    DateTimeOffset AppliedAt,
    EntitySnapshot<TState> Entity);
