using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EntityActors.App.ReadModel.Storage;

/// <summary>
/// Where the read model lives and the little that differs between its databases: how a connection is made, how a
/// writer excludes other writers, how one process at a time migrates. The SQL itself is the same for both
/// (<c>INSERT … ON CONFLICT … DO UPDATE … WHERE</c>, <c>RETURNING</c> and row values exist in SQLite and PostgreSQL).
/// </summary>
public abstract class ReadModelDatabase : IAsyncDisposable
{
    public abstract ReadModelProvider Provider { get; }

    /// <summary>SQL run first in the migration transaction so that concurrent replicas migrate one after another; null when the transaction itself does.</summary>
    public abstract string? MigrationLockSql { get; }

    public static ReadModelDatabase Create(ReadModelOptions options) => options.Provider switch
    {
        ReadModelProvider.Postgres => new Postgres(options.PostgresConnectionString!, options.PostgresPreparedStatements),
        _ => new Sqlite(options.SqlitePath),
    };

    /// <summary>An open connection for reads (lists, positions), ready for use; the caller disposes it.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(CreateConnection(), cancellationToken);

    /// <summary>
    /// An open connection for writes, ready for use; the caller disposes it. On PostgreSQL its statements are kept
    /// prepared (<see cref="ReadModelOptions.PostgresPreparedStatements"/>): a write's plan does not depend on its values,
    /// where a list's generic plan can be far worse than one made for the values asked for.
    /// </summary>
    public Task<DbConnection> OpenForWritesAsync(CancellationToken cancellationToken) => OpenAsync(CreateWriteConnection(), cancellationToken);

    private async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            await OnOpenedAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transaction that takes the write lock at once (SQLite: <c>BEGIN IMMEDIATE</c>), so two writers never deadlock on an upgrade.</summary>
    public virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Held around a write transaction. SQLite admits one writer per file, and Microsoft.Data.Sqlite meets a busy file by
    /// sleeping and retrying; this process's writers therefore queue here instead, in order and without sleeps.
    /// PostgreSQL needs no such queue: its row locks wait for exactly as long as needed.
    /// </summary>
    public virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected abstract DbConnection CreateConnection();

    protected virtual DbConnection CreateWriteConnection() => CreateConnection();

    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class Sqlite : ReadModelDatabase
    {
        private readonly string connectionString;
        private readonly SemaphoreSlim writer = new(1, 1);

        public Sqlite(string path)
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        }

        public override ReadModelProvider Provider => ReadModelProvider.Sqlite;

        // BEGIN IMMEDIATE already admits one writer at a time.
        public override string? MigrationLockSql => null;

        public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
            ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

        public override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
        {
            await writer.WaitAsync(cancellationToken);
            return new Release(writer);
        }

        public override async ValueTask DisposeAsync()
        {
            writer.Dispose();
            await base.DisposeAsync();
        }

        protected override DbConnection CreateConnection() => new SqliteConnection(connectionString);

        private sealed class Release(SemaphoreSlim semaphore) : IDisposable
        {
            public void Dispose() => semaphore.Release();
        }

        protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            // WAL lets lists read while the consumer writes; NORMAL syncs at checkpoints, not at every commit (a lost
            // tail after a power cut is rebuilt from the entities, which stay the truth).
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed class Postgres(string connectionString, int preparedStatements) : ReadModelDatabase
    {
        private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

        private readonly NpgsqlDataSource writes = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = preparedStatements, AutoPrepareMinUsages = 2 }.ConnectionString);

        public override ReadModelProvider Provider => ReadModelProvider.Postgres;

        // Any constant: the read model's own advisory lock, released with the transaction.
        public override string? MigrationLockSql => "SELECT pg_advisory_xact_lock(74736001)";

        public override async ValueTask DisposeAsync()
        {
            await dataSource.DisposeAsync();
            await writes.DisposeAsync();
            await base.DisposeAsync();
        }

        protected override DbConnection CreateConnection() => dataSource.CreateConnection();

        protected override DbConnection CreateWriteConnection() => writes.CreateConnection();
    }
}
