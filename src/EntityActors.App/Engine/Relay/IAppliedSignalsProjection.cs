using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Something kept in step with entities' accepted signals (e.g. the read model), fed by the entity's relay in this
/// process right after it publishes their events: one call per published batch of one entity, at least once (again
/// after a crash, with the same signals), so implementations must be idempotent. A failure makes the relay publish and
/// project the batch again.
/// </summary>
public interface IAppliedSignalsProjection
{
    /// <param name="accepted">The batch's accepted signals, in sequence order; never empty.</param>
    Task ProjectAsync(EntityAddress address, IReadOnlyList<AppliedSignal> accepted, CancellationToken cancellationToken);
}
