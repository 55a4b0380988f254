using EntityActors.App.ReadModel.Queries;

namespace EntityActors.App.Tests.ReadModel;

public sealed class SqlEntityQueryTests
{
    [Fact]
    public void A_bare_list_is_one_kind_newest_change_first_with_one_row_more_than_the_page()
    {
        var text = SqlEntityQuery.Build(new EntityListQuery("carts", 10));

        text.Sql.Should().Be(
            $"SELECT {SqlEntityQuery.Columns} FROM entities WHERE kind = @kind ORDER BY last_changed_at DESC, id DESC LIMIT @take");
        text.Parameters.Should().Equal(new KeyValuePair<string, object?>("kind", "carts"), new KeyValuePair<string, object?>("take", 11L));
    }

    [Fact]
    public void Every_filter_is_a_condition_with_its_value_as_a_parameter()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var query = new EntityListQuery(
            "accounts", 5, ["open", "closed"], ChangedAfter: at, ChangedBefore: at.AddDays(1), IdleSince: at.AddHours(1),
            MinBalance: 10.5m, MaxBalance: 99m, BelowStock: 3, After: new ListCursor(123, "bob"));

        var text = SqlEntityQuery.Build(query);

        text.Sql.Should().Contain("status IN (@status0, @status1)")
            .And.Contain("last_changed_at > @changedAfter")
            .And.Contain("last_changed_at < @changedBefore")
            .And.Contain("last_changed_at <= @idleSince")
            .And.Contain("balance >= @minBalance")
            .And.Contain("balance <= @maxBalance")
            .And.Contain("available < @belowStock")
            .And.Contain("(last_changed_at, id) < (@cursorChanged, @cursorId)");
        text.Parameters.Should().Contain(
        [
            new("status0", "open"),
            new("status1", "closed"),
            new("changedAfter", at.ToUnixTimeMilliseconds()),
            new("changedBefore", at.AddDays(1).ToUnixTimeMilliseconds()),
            new("idleSince", at.AddHours(1).ToUnixTimeMilliseconds()),
            new("minBalance", 10.5d),
            new("maxBalance", 99d),
            new("belowStock", 3L),
            new("cursorChanged", 123L),
            new("cursorId", "bob"),
        ]);
        text.Sql.Should().NotContainAny("'open'", "bob", "10.5");
    }
}
