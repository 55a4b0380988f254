using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Something that happens because an entity applied a signal (e.g. a cart's checkout starting its saga).
/// Runs in the entity workflow's activity, so at least once: implementations must be idempotent.
/// </summary>
public interface IEntityEventReaction
{
    Task ReactAsync(EntityAddress address, AppliedSignal applied, CancellationToken cancellationToken);
}
