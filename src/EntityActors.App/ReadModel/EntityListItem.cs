using System.Text.Json.Serialization;

namespace EntityActors.App.ReadModel;

/// <summary>One entity in a list: what <c>GET /{kind}/{id}</c> answers, plus its status and a kind-specific summary.</summary>
public sealed record EntityListItem<TSummary, TState>(
    string Id, string Kind, string Status, long Version, long Sequence, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LastChangedAt, TSummary Summary, TState State);
