using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Contracts;

/// <summary>What deciding one signal did: accepted (and the version it produced) or rejected with a reason.</summary>
/// <param name="At">When it was decided: the envelope's acceptance time, so both the writer and the workflow stamp the same.</param>
public sealed record SignalOutcome(
    long Sequence,
    string SignalId,
    string Name,
    string IdempotencyKey,
    bool Accepted,
    long Version,
    Rejection? Rejection,
    DateTimeOffset At)
{
    /// <summary>Same answer as <paramref name="other"/>: accepted alike, the same version and rejection code.</summary>
    public bool AgreesWith(SignalOutcome other) =>
        Accepted == other.Accepted && Version == other.Version && Rejection?.Code == other.Rejection?.Code;
}
