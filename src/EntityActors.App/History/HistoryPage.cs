using System.Text.Json.Serialization;

namespace EntityActors.App.History;

/// <summary>A page of an entity's history, newest first.</summary>
/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null when there is none (the first signal, or older ones expired).</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? NextBefore);
