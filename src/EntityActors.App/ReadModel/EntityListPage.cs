using System.Text.Json.Serialization;

namespace EntityActors.App.ReadModel;

/// <summary>A page of <c>GET /{kind}</c>, newest change first.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last.</param>
/// <param name="Position">The read model's position this page is current to (at least).</param>
public sealed record EntityListPage<TSummary, TState>(string Kind, IReadOnlyList<EntityListItem<TSummary, TState>> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor, long Position)
{
    /// <summary>With <c>after</c>: whether the entity showed that signal applied within the wait (the page includes it); absent without.</summary>
    public bool? AfterReached { get; init; }
}
