namespace EntityActors.App.ReadModel.Queries;

/// <summary>A list request as parsed from its query string: the query, and what to wait for before it runs.</summary>
public sealed record EntityListRequest(EntityListQuery Query, ReadAfter? After, TimeSpan Wait);
