using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Retention;

/// <summary>
/// What else of an entity of one kind goes when it is erased, beyond its own records (a cart's checkouts). Runs in the
/// erase's turn of the entity's actor, once its <see cref="IEntityEraseGuard"/>s let it go.
/// </summary>
public interface IEntityEraseStep
{
    string Kind { get; }

    /// <summary>Erases what else belongs to the entity; <paramref name="view"/> is null when its workflow had already ended.</summary>
    Task EraseAsync(EntityAddress address, EntityView<JsonElement>? view, CancellationToken cancellationToken);
}
