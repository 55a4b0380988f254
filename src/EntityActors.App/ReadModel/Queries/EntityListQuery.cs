namespace EntityActors.App.ReadModel.Queries;

/// <summary>What a list asks for: one kind, its filters, a page size and where the page starts. Newest change first.</summary>
/// <param name="Statuses">Any of these statuses; empty for all.</param>
/// <param name="ChangedAfter">Last changed strictly after this instant.</param>
/// <param name="ChangedBefore">Last changed strictly before this instant.</param>
/// <param name="IdleSince">Not changed since this instant (idle for at least the asked duration); inclusive.</param>
/// <param name="MinBalance">Accounts: balance at least this.</param>
/// <param name="MaxBalance">Accounts: balance at most this.</param>
/// <param name="BelowStock">Inventory items: fewer units available than this.</param>
/// <param name="After">The page starts after this entity (keyset paging); null for the first page.</param>
public sealed record EntityListQuery(
    string Kind,
    int Limit,
    IReadOnlyList<string>? Statuses = null,
    DateTimeOffset? ChangedAfter = null,
    DateTimeOffset? ChangedBefore = null,
    DateTimeOffset? IdleSince = null,
    decimal? MinBalance = null,
    decimal? MaxBalance = null,
    long? BelowStock = null,
    ListCursor? After = null);
