using System.Collections.Immutable;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Checkouts;

/// <summary>
/// Compensations registered before their step runs (so a step whose outcome is unknown is still undone),
/// replayed last-registered-first. Immutable, so the workflow's bookkeeping stays a value.
/// </summary>
public sealed record CompensationStack(ImmutableList<SignalCommand> Registered)
{
    public static CompensationStack Empty { get; } = new(ImmutableList<SignalCommand>.Empty);

    public CompensationStack Register(SignalCommand compensation) => new(Registered.Add(compensation));

    /// <summary>Takes back the compensation of a step the entity refused: it placed nothing to undo.</summary>
    public CompensationStack Withdraw(SignalCommand compensation) =>
        new(Registered.RemoveAll(registered => registered.IdempotencyKey == compensation.IdempotencyKey));

    public IEnumerable<SignalCommand> InReverse() => Registered.Reverse();
}
