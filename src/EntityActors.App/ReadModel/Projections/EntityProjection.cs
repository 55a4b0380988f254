using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>A kind's projection over its typed state and summary.</summary>
public abstract class EntityProjection<TState, TSummary> : IEntityProjection
    where TState : class
{
    public abstract string Kind { get; }

    public abstract IReadOnlyList<string> Statuses { get; }

    public abstract IReadOnlyList<string> EndedStatuses { get; }

    public virtual IReadOnlyList<string> Filters => [];

    public ProjectedEntity Project(JsonElement state)
    {
        var typed = state.Deserialize<TState>(EntityJson.Options)
            ?? throw new JsonException($"The state of a {Kind} entity is empty.");
        return Columns(typed) with { Summary = JsonSerializer.Serialize(Summarize(typed), EntityJson.Options) };
    }

    /// <summary>The summary the read model stored, typed again for an answer.</summary>
    public TSummary ReadSummary(string json) => JsonSerializer.Deserialize<TSummary>(json, EntityJson.Options)!;

    /// <summary>The state the read model stored, typed again for an answer.</summary>
    public TState ReadState(string json) => JsonSerializer.Deserialize<TState>(json, EntityJson.Options)!;

    protected abstract TSummary Summarize(TState state);

    /// <summary>Status and filter columns; the summary is filled in by the caller.</summary>
    protected abstract ProjectedEntity Columns(TState state);

    /// <summary>An enum member as its JSON (kebab case) name.</summary>
    protected static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, EntityJson.Options).Trim('"');

    protected static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(Name)];
}
