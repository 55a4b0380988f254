using System.Text.Json;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>What the read model keeps of one kind's state: its status, a summary, and the columns its filters use.</summary>
public interface IEntityProjection
{
    string Kind { get; }

    /// <summary>Every status an entity of this kind can have, as lists name them (kebab case).</summary>
    IReadOnlyList<string> Statuses { get; }

    /// <summary>The statuses an entity never leaves: what retention purges.</summary>
    IReadOnlyList<string> EndedStatuses { get; }

    /// <summary>The kind's own list filters (beyond status and change time), as query parameter names.</summary>
    IReadOnlyList<string> Filters { get; }

    ProjectedEntity Project(JsonElement state);
}
