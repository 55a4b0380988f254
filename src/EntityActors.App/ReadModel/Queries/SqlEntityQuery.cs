using System.Globalization;
using System.Text;

namespace EntityActors.App.ReadModel.Queries;

/// <summary>
/// The SQL of a list: one statement, every value a parameter, ordered by (last change, id) descending so that the
/// cursor is a keyset (a row-value comparison the <c>entities_by_change</c> / <c>entities_by_status</c> indexes serve).
/// Asks for one row more than the page to learn whether another page follows.
/// </summary>
public static class SqlEntityQuery
{
    public const string Columns = "kind, id, status, version, sequence, last_changed_at, position, balance, available, summary, state";

    public static SqlText Build(EntityListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {Columns} FROM entities WHERE kind = @kind");
        var parameters = new List<KeyValuePair<string, object?>> { new("kind", query.Kind) };

        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Select((status, index) => ($"status{index.ToString(CultureInfo.InvariantCulture)}", status)).ToList();
            sql.Append(" AND status IN (").AppendJoin(", ", names.Select(n => "@" + n.Item1)).Append(')');
            parameters.AddRange(names.Select(n => new KeyValuePair<string, object?>(n.Item1, n.status)));
        }

        Add(query.ChangedAfter, "last_changed_at > @changedAfter", "changedAfter", at => at.ToUnixTimeMilliseconds());
        Add(query.ChangedBefore, "last_changed_at < @changedBefore", "changedBefore", at => at.ToUnixTimeMilliseconds());
        Add(query.IdleSince, "last_changed_at <= @idleSince", "idleSince", at => at.ToUnixTimeMilliseconds());
        Add(query.MinBalance, "balance >= @minBalance", "minBalance", amount => (double)amount);
        Add(query.MaxBalance, "balance <= @maxBalance", "maxBalance", amount => (double)amount);
        Add(query.BelowStock, "available < @belowStock", "belowStock", level => level);
        if (query.After is { } after)
        {
            sql.Append(" AND (last_changed_at, id) < (@cursorChanged, @cursorId)");
            parameters.Add(new("cursorChanged", after.LastChangedAtMs));
            parameters.Add(new("cursorId", after.Id));
        }

        sql.Append(" ORDER BY last_changed_at DESC, id DESC LIMIT @take");
        parameters.Add(new("take", (long)query.Limit + 1));
        return new SqlText(sql.ToString(), parameters);

        void Add<T>(T? value, string condition, string name, Func<T, object> convert)
            where T : struct
        {
            if (value is { } present)
            {
                sql.Append(" AND ").Append(condition);
                parameters.Add(new(name, convert(present)));
            }
        }
    }
}
