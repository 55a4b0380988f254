using System.Data.Common;

namespace EntityActors.App.ReadModel.Storage;

/// <summary>
/// Brings the database to the latest <see cref="ReadModelMigrations"/> at start: each missing version in its own
/// transaction, recorded in <c>schema_migrations</c>. Safe with several replicas starting at once.
/// </summary>
public sealed partial class ReadModelMigrator(ReadModelDatabase database, ILogger<ReadModelMigrator> logger)
{
    /// <summary>Applies the missing migrations of <paramref name="migrations"/> (by default all); returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken, IReadOnlyList<ReadModelMigration>? migrations = null)
    {
        migrations ??= ReadModelMigrations.All;
        var applied = new List<int>();
        await using var connection = await database.OpenForWritesAsync(cancellationToken);
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            using var gate = await database.EnterWriteAsync(cancellationToken);
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            if (database.MigrationLockSql is { } lockSql)
            {
                await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
            }

            await ExecuteAsync(connection, transaction, CreateJournal, cancellationToken);

            // Read under the lock: another replica may have applied it while this one waited.
            if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
                record.AddParameter("version", migration.Version);
                record.AddParameter("name", migration.Name);
                record.AddParameter("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(migration.Version, migration.Name, database.Provider);
            applied.Add(migration.Version);
        }

        return applied;
    }

    private const string CreateJournal =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    /// <summary>The versions recorded as applied, in order.</summary>
    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @version";
        command.AddParameter("version", version);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Read model migration {Version} ({Name}) applied on {Provider}")]
    private partial void LogApplied(int version, string name, ReadModelProvider provider);
}
