namespace EntityActors.App.ReadModel.Queries;

/// <summary>A statement and its parameters by name (values are strings, longs or doubles).</summary>
public sealed record SqlText(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
