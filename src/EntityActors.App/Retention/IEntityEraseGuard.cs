using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Retention;

/// <summary>
/// Whether an entity of one kind may be erased now: not while another process depends on it (a checkout's hold on an
/// account, its reservation of an item, its cart), which would otherwise write to a new entity of the same id. Asked in
/// the erase's turn of the entity's actor, so no signal changes the answer before the erase runs.
/// </summary>
public interface IEntityEraseGuard
{
    string Kind { get; }

    /// <summary>Why the entity may not be erased now; null when it may.</summary>
    Rejection? Refusal(EntityView<JsonElement> view);
}
