using EntityActors.Domain.Common;

namespace EntityActors.App.Retention;

/// <summary>
/// What an entity's actor answers to an erase: whether there was anything of the entity to erase, or why it may not be
/// erased now (<see cref="IEntityEraseStep.Refusal"/>; then nothing was).
/// </summary>
public sealed record EraseResponse(bool Existed, Rejection? Refused = null);
