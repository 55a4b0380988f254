using System.Globalization;
using System.Text;
using Dapr.Client;
using EntityActors.App.Engine.Options;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// The entity store on PostgreSQL written by the app itself: the table of the sidecar's <c>state.postgresql</c> (v2)
/// entity store component (<c>{tablePrefix}state</c>), in that component's key format (<c>{appId}||{key}</c>), ETags
/// (random UUIDs) and expiry times, so the sidecar's state API still reads every record. Same semantics as the component:
/// a first-write takes a key that is absent or expired, an ETag write or delete needs the ETag to match, reads skip
/// expired rows. A transaction goes to the server as one batch and commits with its WAL flush; every replica writes the
/// same table, as every sidecar would. The component (loaded by the sidecar) creates and migrates the table, never the app.
/// Each statement shape is prepared on its connection once used twice, and connections are reused most recently used
/// first (<see cref="RecentFirstConnections"/>), so a write is planned by a warm server process that already knows it.
/// </summary>
public sealed class PostgresEntityStore : IEntityStore, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly RecentFirstConnections connections;
    private readonly string table;
    private readonly string prefix;

    public PostgresEntityStore(IOptions<EntityStoreOptions> options)
    {
        var settings = options.Value;
        var connection = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ToNpgsql(settings.PostgresConnectionString
            ?? throw new InvalidOperationException($"{EntityStoreOptions.Section}:PostgresConnectionString is not set.")))
        {
            // The server's connections are shared by every replica and its sidecar's pools: Npgsql's default of 100 per
            // process exhausts PostgreSQL's default of 100 in all once a few replicas have been busy.
            MaxPoolSize = settings.PostgresMaxConnections,
            MaxAutoPrepare = settings.PostgresPreparedStatements,
            AutoPrepareMinUsages = 2,
        };
        dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        connections = new RecentFirstConnections(dataSource, settings.PostgresMaxConnections, TimeSpan.FromSeconds(connection.Timeout));
        table = System.Text.RegularExpressions.Regex.IsMatch(settings.PostgresTable, "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")
            ? settings.PostgresTable
            : throw new InvalidOperationException($"{EntityStoreOptions.Section}:PostgresTable '{settings.PostgresTable}' is not a table name.");
        prefix = settings.AppId + "||";
        ConcurrentTransactions = Math.Clamp(settings.PostgresConcurrentTransactions, 1, Math.Max(1, settings.PostgresMaxConnections - 1));
    }

    public string Description => $"PostgreSQL table {table}";

    public int ConcurrentTransactions { get; }

    public async Task ExecuteTransactionAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken = default)
    {
        if (operations.Count == 0)
        {
            return;
        }

        // One round trip: a batch without an explicit transaction runs as one implicit transaction that commits at its
        // end, and a guarded write that changes no row fails it (see Guarded), which rolls the whole batch back.
        using var lease = await connections.RentAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection);
        foreach (var operation in operations)
        {
            batch.BatchCommands.Add(Command(operation));
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero)
        {
            // The server does not say which statement failed: name the guarded writes (one, in a write on its own).
            var guarded = operations.Where(IsGuarded).ToList();
            var what = guarded.Count == 1
                ? $"{(guarded[0].ETag is null ? "first-write of a key that exists" : "the ETag no longer matches")} ({guarded[0].Key})"
                : $"a first-write of a key that exists or an ETag that no longer matches, among {string.Join(", ", guarded.Take(5).Select(o => o.Key))}{(guarded.Count > 5 ? ", …" : string.Empty)}";
            throw new EntityStoreConflictException($"Possible etag mismatch: {what}.", ex);
        }
    }

    public async Task<IReadOnlyList<BulkStateItem>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, (string Json, string ETag)>(StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            using var lease = await connections.RentAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"SELECT key, value, etag FROM {table} WHERE key = ANY($1) AND (expires_at IS NULL OR expires_at >= now())", lease.Connection);
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => prefix + key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                found[rows.GetString(0)[prefix.Length..]] = (Encoding.UTF8.GetString((byte[])rows.GetValue(1)), rows.GetGuid(2).ToString());
            }
        }

        return [.. keys.Select(key => found.TryGetValue(key, out var item) ? new BulkStateItem(key, item.Json, item.ETag) : new BulkStateItem(key, string.Empty, string.Empty))];
    }

    public async Task<(string? Json, string? ETag)> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        using var lease = await connections.RentAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT value, etag FROM {table} WHERE key = $1 AND (expires_at IS NULL OR expires_at >= now())", lease.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = prefix + key });
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken)
            ? (Encoding.UTF8.GetString((byte[])row.GetValue(0)), row.GetGuid(1).ToString())
            : (null, null);
    }

    public void Dispose()
    {
        connections.Dispose();
        dataSource.Dispose();
    }

    private NpgsqlBatchCommand Command(StateTransactionRequest operation)
    {
        var command = new NpgsqlBatchCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = prefix + operation.Key });
        var write = Write(command, operation);
        AddETag(command, operation.ETag);
        command.CommandText = IsGuarded(operation) ? Guarded(write) : write;
        return command;
    }

    private string Write(NpgsqlBatchCommand command, StateTransactionRequest operation)
    {
        if (operation.OperationType == StateOperationType.Delete)
        {
            return operation.ETag is null ? $"DELETE FROM {table} WHERE key = $1" : $"DELETE FROM {table} WHERE key = $1 AND etag = $2";
        }

        command.Parameters.Add(new NpgsqlParameter { Value = operation.Value ?? [], NpgsqlDbType = NpgsqlDbType.Bytea });
        var expiration = Expiration(operation);
        if (operation.ETag is not null)
        {
            return $"UPDATE {table} SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiration} " +
                "WHERE key = $1 AND etag = $3 AND (expires_at IS NULL OR expires_at >= now())";
        }

        // A row that expired and was not swept yet counts as absent, as in the component.
        var upsert = $"INSERT INTO {table} (key, value, etag, expires_at) VALUES ($1, $2, gen_random_uuid(), {expiration}) " +
            $"ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiration}";
        return operation.Options?.Concurrency == ConcurrencyMode.FirstWrite
            ? $"{upsert} WHERE {table}.expires_at IS NOT NULL AND {table}.expires_at < now()"
            : upsert;
    }

    private static bool IsGuarded(StateTransactionRequest operation) =>
        operation.ETag is not null || (operation.OperationType == StateOperationType.Upsert && operation.Options?.Concurrency == ConcurrencyMode.FirstWrite);

    /// <summary>
    /// <paramref name="write"/> made to fail (division by zero, which <see cref="ExecuteTransactionAsync"/> reads as a
    /// conflict) unless it changed exactly one row: no function to install, and the batch stays one round trip.
    /// </summary>
    private static string Guarded(string write) => $"WITH written AS ({write} RETURNING 1) SELECT 1 / (SELECT count(*)::int FROM written)";

    private static void AddETag(NpgsqlBatchCommand command, string? etag)
    {
        if (etag is null)
        {
            return;
        }

        // Not a UUID: it cannot match any row's ETag.
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.TryParse(etag, out var uuid) ? uuid : Guid.Empty, NpgsqlDbType = NpgsqlDbType.Uuid });
    }

    private static string Expiration(StateTransactionRequest operation) =>
        StateOperations.TimeToLiveSeconds(operation) is { } seconds
            ? $"now() + interval '{seconds.ToString(CultureInfo.InvariantCulture)} seconds'"
            : "NULL";
}
