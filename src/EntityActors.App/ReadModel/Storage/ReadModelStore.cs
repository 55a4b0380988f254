using System.Data.Common;
using System.Globalization;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel.Queries;

namespace EntityActors.App.ReadModel.Storage;

/// <summary>
/// The read model's reads and writes. Every change of a row (upsert or delete) takes the next <em>position</em>, a
/// counter of the read model's own changes: a list says up to which position it is current. Writes are idempotent and
/// order-free: a row is replaced only by a higher sequence of its entity, so a duplicate or late event changes nothing,
/// and a tombstone refuses what was observed before its entity was deleted.
/// </summary>
public sealed class ReadModelStore(ReadModelDatabase database)
{
    public ReadModelProvider Provider => database.Provider;

    /// <summary>The sequence the read model holds for <paramref name="address"/>, or null when it holds no row.</summary>
    public async Task<long?> SequenceOfAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM entities WHERE kind = @kind AND id = @id";
        command.AddParameter("kind", address.Kind);
        command.AddParameter("id", address.Id);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? ToLong(value) : null;
    }

    /// <summary>
    /// Stores <paramref name="row"/> when it is newer than the stored one (see <paramref name="mode"/>) and its entity was
    /// not deleted at or after <paramref name="observedAt"/>, when the entity was read. Answers the position it took when
    /// it changed the read model, else null.
    /// </summary>
    public async Task<long?> UpsertAsync(EntityRow row, DateTimeOffset observedAt, UpsertMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenForWritesAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // The counter first: its row lock orders concurrent writers, so positions are unique and follow commit order.
        var position = await NextPositionAsync(connection, transaction, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO entities ({SqlEntityQuery.Columns})
            SELECT @kind, @id, @status, @version, @sequence, @changed, @position, @balance, @available, @summary, @state
            WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE kind = @kind AND id = @id AND deleted_at >= @observed)
            ON CONFLICT (kind, id) DO UPDATE SET
                status = excluded.status, version = excluded.version, sequence = excluded.sequence,
                last_changed_at = excluded.last_changed_at, position = excluded.position, balance = excluded.balance,
                available = excluded.available, summary = excluded.summary, state = excluded.state
            WHERE entities.sequence < excluded.sequence{(mode.RebuildFrom is null ? string.Empty : " OR entities.position <= @rebuildFrom")}
            RETURNING position
            """;
        command.AddParameter("kind", row.Kind);
        command.AddParameter("id", row.Id);
        command.AddParameter("status", row.Status);
        command.AddParameter("version", row.Version);
        command.AddParameter("sequence", row.Sequence);
        command.AddParameter("changed", row.LastChangedAt?.ToUnixTimeMilliseconds() ?? 0L);
        command.AddParameter("position", position);
        command.AddParameter("balance", row.Balance, System.Data.DbType.Double);
        command.AddParameter("available", row.Available, System.Data.DbType.Int64);
        command.AddParameter("summary", row.Summary);
        command.AddParameter("state", row.State);
        command.AddParameter("observed", observedAt.ToUnixTimeMilliseconds());
        if (mode.RebuildFrom is { } rebuildFrom)
        {
            command.AddParameter("rebuildFrom", rebuildFrom);
        }

        var changed = await command.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
        if (!changed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return position;
    }

    /// <summary>Removes the entity's row and leaves a tombstone at <paramref name="deletedAt"/>. True when a row was removed.</summary>
    public async Task<bool> RemoveAsync(EntityAddress address, DateTimeOffset deletedAt, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenForWritesAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await NextPositionAsync(connection, transaction, cancellationToken);
        await using (var tombstone = connection.CreateCommand())
        {
            tombstone.Transaction = transaction;
            tombstone.CommandText = """
                INSERT INTO tombstones (kind, id, deleted_at) VALUES (@kind, @id, @at)
                ON CONFLICT (kind, id) DO UPDATE SET deleted_at = excluded.deleted_at
                """;
            tombstone.AddParameter("kind", address.Kind);
            tombstone.AddParameter("id", address.Id);
            tombstone.AddParameter("at", deletedAt.ToUnixTimeMilliseconds());
            await tombstone.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM entities WHERE kind = @kind AND id = @id";
        delete.AddParameter("kind", address.Kind);
        delete.AddParameter("id", address.Id);
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Removes the rows not written since <paramref name="position"/>: after a rebuild, entities that no longer exist.</summary>
    public Task<int> RemoveUnwrittenSinceAsync(long position, CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM entities WHERE position <= @position", "position", position, cancellationToken);

    /// <summary>Forgets tombstones older than <paramref name="before"/>.</summary>
    public Task<int> SweepTombstonesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM tombstones WHERE deleted_at < @before", "before", before.ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>The read model's latest position: every change up to it is visible to a read that starts now.</summary>
    public async Task<long> PositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PositionAsync(connection, cancellationToken);
    }

    /// <summary>A page of <paramref name="query"/>, with the position read before the page (so the page is current to at least it).</summary>
    public async Task<EntityRowPage> ListAsync(EntityListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        var position = await PositionAsync(connection, cancellationToken);
        var text = SqlEntityQuery.Build(query);
        await using var command = connection.CreateCommand();
        command.CommandText = text.Sql;
        foreach (var (name, value) in text.Parameters)
        {
            command.AddParameter(name, value);
        }

        var rows = new List<EntityRow>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = new ListCursor(last.LastChangedAt?.ToUnixTimeMilliseconds() ?? 0, last.Id).Encode();
        }

        return new EntityRowPage(rows, next, position);
    }

    private async Task<int> WriteAsync(string sql, string name, long value, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenForWritesAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter(name, value);
        var count = await command.ExecuteNonQueryAsync(cancellationToken);
        if (count > 0)
        {
            await NextPositionAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task<long> NextPositionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE read_model_position SET value = value + 1 WHERE id = 1 RETURNING value";
        return ToLong((await command.ExecuteScalarAsync(cancellationToken))!);
    }

    private static async Task<long> PositionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM read_model_position WHERE id = 1";
        return ToLong((await command.ExecuteScalarAsync(cancellationToken))!);
    }

    private static EntityRow Read(DbDataReader reader)
    {
        var changed = ToLong(reader.GetValue(5));
        return new EntityRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            ToLong(reader.GetValue(3)),
            ToLong(reader.GetValue(4)),
            changed == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(changed),
            reader.IsDBNull(7) ? null : Convert.ToDouble(reader.GetValue(7), CultureInfo.InvariantCulture),
            reader.IsDBNull(8) ? null : ToLong(reader.GetValue(8)),
            reader.GetString(9),
            reader.GetString(10),
            ToLong(reader.GetValue(6)));
    }

    private static long ToLong(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
