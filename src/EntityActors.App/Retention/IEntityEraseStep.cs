using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Retention;

/// <summary>
/// What erasing an entity of one kind also involves beyond its own records: whether it may go now, and what else of it
/// goes with it (a cart's checkouts). Runs in the erase's turn of the entity's actor.
/// </summary>
public interface IEntityEraseStep
{
    string Kind { get; }

    /// <summary>Why the entity may not be erased now (another process depends on it); null when it may.</summary>
    Rejection? Refusal(EntityView<JsonElement> view);

    /// <summary>Erases what else belongs to the entity; <paramref name="view"/> is null when its workflow had already ended.</summary>
    Task EraseAsync(EntityAddress address, EntityView<JsonElement>? view, CancellationToken cancellationToken);
}
