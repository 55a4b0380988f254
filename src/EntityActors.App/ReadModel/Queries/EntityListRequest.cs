namespace EntityActors.App.ReadModel.Queries;

/// <summary>A list request as parsed from its query string: the query, and what to wait for before it runs.</summary>
/// <param name="List">Which list this is (<see cref="ListCursor.ListOf"/>): the next page's cursor is bound to it.</param>
public sealed record EntityListRequest(EntityListQuery Query, ReadAfter? After, TimeSpan Wait, string List);
