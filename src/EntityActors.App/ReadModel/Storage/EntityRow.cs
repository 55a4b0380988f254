namespace EntityActors.App.ReadModel.Storage;

/// <summary>
/// One entity as the read model holds it: what lists filter and sort on, and its summary and state as JSON.
/// </summary>
/// <param name="LastChangedAt">When the rules last accepted a signal; null for an entity that only ever refused.</param>
/// <param name="Balance">Accounts: the balance, for balance ranges; null for other kinds.</param>
/// <param name="Available">Inventory items: units that may still be reserved, for stock levels; null for other kinds.</param>
/// <param name="Position">The read model's change counter when this row last changed (0 until stored).</param>
public sealed record EntityRow(
    string Kind,
    string Id,
    string Status,
    long Version,
    long Sequence,
    DateTimeOffset? LastChangedAt,
    double? Balance,
    long? Available,
    string Summary,
    string State,
    long Position = 0);
