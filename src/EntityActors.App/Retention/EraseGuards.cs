using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Retention;

/// <summary>What the <see cref="IEntityEraseGuard"/>s share: the entity's state, and the ids that hold it, named briefly.</summary>
public static class EraseGuards
{
    private const int Named = 3;

    public static TState? State<TState>(EntityView<JsonElement> view) where TState : class =>
        view.State.ValueKind == JsonValueKind.Object ? view.State.Deserialize<TState>(EntityJson.Options) : null;

    public static string Name(IEnumerable<string> ids)
    {
        var sorted = ids.Order(StringComparer.Ordinal).ToList();
        return sorted.Count <= Named ? string.Join(", ", sorted) : $"{string.Join(", ", sorted.Take(Named))} and {sorted.Count - Named} more";
    }
}
