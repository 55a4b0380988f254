using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using EntityActors.App.Tests.Support;

namespace EntityActors.App.Tests.ReadModel;

public sealed class ReadModelStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_row_is_replaced_only_by_a_higher_sequence()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var store = model.Store;

        (await store.UpsertAsync(Row("a", sequence: 2, balance: 20), T0, UpsertMode.Newer, default)).Should().Be(1);
        (await store.UpsertAsync(Row("a", sequence: 1, balance: 10), T0, UpsertMode.Newer, default)).Should().BeNull("an older event arriving late");
        (await store.UpsertAsync(Row("a", sequence: 2, balance: 20), T0, UpsertMode.Newer, default)).Should().BeNull("a duplicate");
        (await store.UpsertAsync(Row("a", sequence: 3, balance: 30), T0, UpsertMode.Newer, default)).Should().Be(2);

        var page = await store.ListAsync(new EntityListQuery("accounts", 10), default);
        page.Rows.Should().ContainSingle().Which.Should().BeEquivalentTo(Row("a", sequence: 3, balance: 30) with { Position = 2 });
        page.Position.Should().Be(2);
        (await store.SequenceOfAsync(new EntityAddress("accounts", "a"), default)).Should().Be(3);
    }

    [Fact]
    public async Task A_tombstone_refuses_what_was_observed_before_the_delete_and_admits_a_new_entity()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var store = model.Store;
        await store.UpsertAsync(Row("a", sequence: 5), T0, UpsertMode.Newer, default);

        (await store.RemoveAsync(new EntityAddress("accounts", "a"), T0.AddSeconds(10), default)).Should().BeTrue();
        var late = await store.UpsertAsync(Row("a", sequence: 6), T0.AddSeconds(9), UpsertMode.Newer, default);
        var fresh = await store.UpsertAsync(Row("a", sequence: 1), T0.AddSeconds(11), UpsertMode.Newer, default);

        late.Should().BeNull("the old entity's event was read before it was deleted");
        fresh.Should().NotBeNull("a signal after the delete created a new entity");
        (await store.SequenceOfAsync(new EntityAddress("accounts", "a"), default)).Should().Be(1);
        (await store.RemoveAsync(new EntityAddress("accounts", "nobody"), T0, default)).Should().BeFalse();
    }

    [Fact]
    public async Task Pages_walk_every_row_once_newest_change_first_even_with_equal_change_times()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        for (var i = 0; i < 25; i++)
        {
            // Pairs share a change time: the id breaks the tie.
            await model.Store.UpsertAsync(Row($"e{i:00}", sequence: 1, changed: T0.AddSeconds(i / 2)), T0, UpsertMode.Newer, default);
        }

        var seen = new List<string>();
        ListCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await model.Store.ListAsync(new EntityListQuery("accounts", 10, After: cursor), default);
            seen.AddRange(page.Rows.Select(r => r.Id));
            cursor = page.NextCursor is { } next && ListCursor.TryDecode(next, out var decoded) ? decoded : null;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"e{i:00}"));
    }

    [Fact]
    public async Task Filters_select_by_status_balance_stock_and_change_time()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var store = model.Store;
        await store.UpsertAsync(Row("poor", balance: 5, changed: T0), T0, UpsertMode.Newer, default);
        await store.UpsertAsync(Row("rich", balance: 500, changed: T0.AddHours(1)), T0, UpsertMode.Newer, default);
        await store.UpsertAsync(Row("gone", balance: 0, status: "closed", changed: T0.AddHours(2)), T0, UpsertMode.Newer, default);
        await store.UpsertAsync(Row("low", kind: "inventory-items", available: 2), T0, UpsertMode.Newer, default);
        await store.UpsertAsync(Row("full", kind: "inventory-items", available: 50), T0, UpsertMode.Newer, default);

        async Task<IEnumerable<string>> Ids(EntityListQuery query) => (await store.ListAsync(query, default)).Rows.Select(r => r.Id);

        (await Ids(new EntityListQuery("accounts", 10, ["open"]))).Should().Equal("rich", "poor");
        (await Ids(new EntityListQuery("accounts", 10, MinBalance: 5, MaxBalance: 499.99m))).Should().Equal("poor");
        (await Ids(new EntityListQuery("accounts", 10, ChangedAfter: T0, ChangedBefore: T0.AddHours(2)))).Should().Equal("rich");
        (await Ids(new EntityListQuery("accounts", 10, IdleSince: T0.AddHours(1)))).Should().Equal("rich", "poor");
        (await Ids(new EntityListQuery("inventory-items", 10, BelowStock: 3))).Should().Equal("low");
    }

    [Fact]
    public async Task A_rebuild_replaces_rows_it_has_not_written_whatever_their_sequence_and_the_rest_can_be_removed()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var store = model.Store;
        await store.UpsertAsync(Row("wrong", sequence: 99, balance: 1), T0, UpsertMode.Newer, default);
        await store.UpsertAsync(Row("vanished", sequence: 1), T0, UpsertMode.Newer, default);
        var start = await store.PositionAsync(default);

        (await store.UpsertAsync(Row("wrong", sequence: 4, balance: 40), T0, UpsertMode.Rebuild(start), default)).Should().NotBeNull();
        (await store.UpsertAsync(Row("wrong", sequence: 3, balance: 30), T0, UpsertMode.Rebuild(start), default)).Should().BeNull("written since the rebuild began");
        (await store.RemoveUnwrittenSinceAsync(start, default)).Should().Be(1);

        (await store.ListAsync(new EntityListQuery("accounts", 10), default)).Rows.Should().ContainSingle()
            .Which.Should().Match<EntityRow>(r => r.Id == "wrong" && r.Sequence == 4 && r.Balance == 40);
    }

    private static EntityRow Row(
        string id, long sequence = 1, double? balance = null, long? available = null, string status = "open", DateTimeOffset? changed = null, string kind = "accounts") =>
        new(kind, id, status, sequence, sequence, changed ?? T0, balance, available, "{}", "{\"status\":\"open\"}");
}
