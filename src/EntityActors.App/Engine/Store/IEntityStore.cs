using Dapr.Client;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// The app's own records (idempotency keys, signal envelopes, heads, outcome records, operation lines, payment ledgers):
/// the three calls the engine makes of a state store, with Dapr's semantics (first-write, ETags, TTL), whichever way they
/// reach it. <see cref="SidecarEntityStore"/> goes through the sidecar's state API (PostgreSQL, Redis, any component);
/// <see cref="SqliteEntityStore"/> writes the embedded default's SQLite file itself, in the component's own table.
/// </summary>
public interface IEntityStore
{
    /// <summary>What the store is, for logs: the component's name, or the file.</summary>
    string Description { get; }

    /// <summary>
    /// How many transactions are worth running at once: one where the store takes one writer at a time (SQLite), more
    /// where it locks rows (PostgreSQL), so a write need not wait for another entity's commit to finish.
    /// </summary>
    int ConcurrentTransactions => 1;

    /// <summary>
    /// Applies <paramref name="operations"/> all or none. A first-write of a key that exists, or an ETag that no longer
    /// matches, fails the whole transaction with an error <see cref="Diagnostics.DaprErrors.IsWriteConflict"/> knows.
    /// </summary>
    Task ExecuteTransactionAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken = default);

    /// <summary>One item per key, in order: its value as JSON text, empty where absent (or, through the sidecar, unread).</summary>
    Task<IReadOnlyList<BulkStateItem>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>The value of <paramref name="key"/> as JSON text and its ETag; both null where absent. Throws when unread.</summary>
    Task<(string? Json, string? ETag)> GetAsync(string key, CancellationToken cancellationToken = default);
}
