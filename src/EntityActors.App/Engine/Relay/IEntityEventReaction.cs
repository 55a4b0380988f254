using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Something that happens because an entity applied a signal (e.g. a cart's checkout starting its saga).
/// Run by the entity's relay once the signal is decided and stored, at least once (again after a crash):
/// implementations must be idempotent.
/// </summary>
public interface IEntityEventReaction
{
    Task ReactAsync(EntityAddress address, AppliedSignal applied, CancellationToken cancellationToken);
}
