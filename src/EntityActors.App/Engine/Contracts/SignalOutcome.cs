using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Contracts;

/// <summary>What applying one signal did: accepted (and the version it produced) or rejected with a reason.</summary>
public sealed record SignalOutcome(
    long Sequence,
    string SignalId,
    string Name,
    string IdempotencyKey,
    bool Accepted,
    long Version,
    Rejection? Rejection,
    DateTimeOffset At);
