using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Something kept in step with entities' applied signals (e.g. the read model), fed by the entity's relay in this
/// process right after it publishes their events: one call per batch of one entity, rejected signals included (they
/// move the entity's sequence, and a first signal rejected still makes the entity exist), at least once (again
/// after a crash, with the same signals), so implementations must be idempotent. A failure makes the relay publish and
/// project the batch again.
/// </summary>
public interface IAppliedSignalsProjection
{
    /// <param name="signals">The batch's signals, accepted or rejected, in sequence order; never empty.</param>
    Task ProjectAsync(EntityAddress address, IReadOnlyList<AppliedSignal> signals, CancellationToken cancellationToken);
}
