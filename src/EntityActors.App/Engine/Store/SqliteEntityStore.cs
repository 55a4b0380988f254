using System.Globalization;
using System.Text;
using Dapr.Client;
using EntityActors.App.Engine.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// The embedded default's entity store written by the app itself: the SQLite file of the sidecar's <c>state.sqlite</c>
/// component, in that component's own table and key format (<c>{appId}||{key}</c>, its ETags, its expiry times), so the
/// sidecar's state API still reads every record and a data folder of an earlier version keeps its records. Same
/// semantics as the component: a first-write takes a key that is absent or expired, an ETag write or delete needs the
/// ETag to match, reads skip expired rows. A transaction commits with the file's fsync (WAL, synchronous FULL): stored
/// means on disk, as through the sidecar. One process only, like any SQLite file here (several replicas are refused).
/// </summary>
public sealed class SqliteEntityStore : IEntityStore, IDisposable
{
    private const string Columns = "(key, value, is_binary, etag, update_time, expiration_time)";

    private readonly string path;
    private readonly string prefix;
    private readonly Lock writeGate = new();
    private readonly Lock readGate = new();
    private SqliteConnection? writer;
    private SqliteConnection? reader;

    public SqliteEntityStore(IOptions<EntityStoreOptions> options)
    {
        path = options.Value.SqlitePath ?? throw new InvalidOperationException($"{EntityStoreOptions.Section}:SqlitePath is not set.");
        prefix = options.Value.AppId + "||";
    }

    public string Description => $"SQLite file {path}";

    public Task ExecuteTransactionAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken = default)
    {
        if (operations.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (writeGate)
        {
            var connection = writer ??= Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var operation in operations)
            {
                if (Execute(connection, transaction, operation) == 0 && (operation.OperationType == StateOperationType.Upsert || operation.ETag is not null))
                {
                    // Nothing of the transaction holds: disposing it uncommitted rolls it back.
                    throw new EntityStoreConflictException(
                        $"Possible etag mismatch: {(operation.ETag is null ? "first-write of a key that exists" : "the ETag no longer matches")} ({operation.Key}).");
                }
            }

            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BulkStateItem>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var items = new List<BulkStateItem>(keys.Count);
        lock (readGate)
        {
            var connection = reader ??= Open();
            using var command = SelectCommand(connection, out var key);
            foreach (var wanted in keys)
            {
                key.Value = prefix + wanted;
                var (json, etag) = ReadOne(command);
                items.Add(new BulkStateItem(wanted, json ?? string.Empty, etag ?? string.Empty));
            }
        }

        return Task.FromResult<IReadOnlyList<BulkStateItem>>(items);
    }

    public Task<(string? Json, string? ETag)> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (readGate)
        {
            var connection = reader ??= Open();
            using var command = SelectCommand(connection, out var parameter);
            parameter.Value = prefix + key;
            return Task.FromResult(ReadOne(command));
        }
    }

    public void Dispose()
    {
        lock (writeGate)
        {
            writer?.Dispose();
            writer = null;
        }

        lock (readGate)
        {
            reader?.Dispose();
            reader = null;
        }
    }

    private int Execute(SqliteConnection connection, SqliteTransaction transaction, StateTransactionRequest operation)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$key", prefix + operation.Key);
        if (operation.OperationType == StateOperationType.Delete)
        {
            command.CommandText = operation.ETag is null ? "DELETE FROM state WHERE key = $key" : "DELETE FROM state WHERE key = $key AND etag = $etag";
            if (operation.ETag is { } deleteETag)
            {
                command.Parameters.AddWithValue("$etag", deleteETag);
            }

            return command.ExecuteNonQuery();
        }

        command.Parameters.AddWithValue("$value", Encoding.UTF8.GetString(operation.Value ?? []));
        command.Parameters.AddWithValue("$newEtag", Guid.NewGuid().ToString());
        var expiration = Expiration(operation);
        const string Values = "VALUES ($key, $value, 0, $newEtag, CURRENT_TIMESTAMP, ";
        if (operation.ETag is { } etag)
        {
            command.Parameters.AddWithValue("$etag", etag);
            command.CommandText =
                $"UPDATE state SET value = $value, is_binary = 0, etag = $newEtag, update_time = CURRENT_TIMESTAMP, expiration_time = {expiration} " +
                "WHERE key = $key AND etag = $etag AND (expiration_time IS NULL OR expiration_time > CURRENT_TIMESTAMP)";
        }
        else if (operation.Options?.Concurrency == ConcurrencyMode.FirstWrite)
        {
            // A row that expired and was not swept yet counts as absent, as in the component.
            command.CommandText =
                $"INSERT INTO state {Columns} {Values}{expiration}) ON CONFLICT (key) DO UPDATE SET value = excluded.value, " +
                "is_binary = 0, etag = excluded.etag, update_time = excluded.update_time, expiration_time = excluded.expiration_time " +
                "WHERE state.expiration_time IS NOT NULL AND state.expiration_time <= CURRENT_TIMESTAMP";
        }
        else
        {
            command.CommandText = $"INSERT OR REPLACE INTO state {Columns} {Values}{expiration})";
        }

        return command.ExecuteNonQuery();
    }

    private static string Expiration(StateTransactionRequest operation) =>
        StateOperations.TimeToLiveSeconds(operation) is { } seconds
            ? $"DATETIME(CURRENT_TIMESTAMP, '+{seconds.ToString(CultureInfo.InvariantCulture)} seconds')"
            : "NULL";

    private static SqliteCommand SelectCommand(SqliteConnection connection, out SqliteParameter key)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT value, is_binary, etag FROM state WHERE key = $key AND (expiration_time IS NULL OR expiration_time > CURRENT_TIMESTAMP)";
        key = command.Parameters.Add("$key", SqliteType.Text);
        return command;
    }

    private static (string? Json, string? ETag) ReadOne(SqliteCommand command)
    {
        using var row = command.ExecuteReader();
        if (!row.Read())
        {
            return (null, null);
        }

        var value = row.GetString(0);
        // Written through the sidecar's gRPC API, a value is stored base64-encoded and marked binary.
        var json = row.GetBoolean(1) ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value;
        return (json, row.GetString(2));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 20, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The sidecar creates the file, the table and its migrations record when it loads the component: never the app.
            command.CommandText = "PRAGMA synchronous = FULL; SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'state'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                throw new SqliteException("no state table", 0);
            }

            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The entity store {path} is not ready ({ex.Message}): is it the file of the sidecar's state.sqlite entity store component, and has the sidecar loaded it?", ex);
        }
    }
}
