using EntityActors.App.Http;
using EntityActors.App.ReadModel;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Queries;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EntityActors.App.Tests.ReadModel;

public sealed class EntityListRequestParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountProjection Accounts = new();
    private static readonly CartProjection Carts = new();
    private static readonly InventoryItemProjection Items = new();
    private static readonly EntityProjections All = new([Carts, Accounts, Items]);
    private static readonly string[] Kinds = ["carts", "accounts", "inventory-items"];

    [Fact]
    public void No_parameters_list_the_first_page_of_the_default_size()
    {
        var request = Parse(Accounts, "");

        request.Should().BeEquivalentTo(new EntityListRequest(new EntityListQuery("accounts", 50, null), null, TimeSpan.Zero, ListCursor.ListOf("accounts", [])));
    }

    [Fact]
    public void Every_parameter_lands_in_the_query()
    {
        var cursor = new ListCursor(5, "x").Encode();

        var request = Parse(
            Accounts,
            $"status=open,closed&changedAfter=2026-12-01T00:00:00Z&changedBefore=2026-12-02T00:00:00%2B01:00&idleFor=PT30M" +
            $"&minBalance=-5.5&maxBalance=100&limit=7&cursor={cursor}&after=accounts-alice:3&wait=2");

        request.Query.Should().BeEquivalentTo(new EntityListQuery(
            "accounts", 7, ["open", "closed"],
            ChangedAfter: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            ChangedBefore: new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero),
            IdleSince: Now.AddMinutes(-30),
            MinBalance: -5.5m,
            MaxBalance: 100m,
            After: new ListCursor(5, "x")));
        request.After.Should().Be(new ReadAfter(new("accounts", "alice"), 3));
        request.Wait.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("PT30M", 1800)]
    [InlineData("P1DT2H", 93_600)]
    [InlineData("90", 90)]
    [InlineData("0.5", 0.5)]
    [InlineData("00:30:00", 1800)]
    [InlineData("1.00:00:00", 86_400)]
    public void An_idle_duration_is_iso_8601_seconds_or_a_clock_duration_as_bulk_expiry_takes_it(string text, double seconds)
    {
        EntityListRequestParser.ParseDuration(text).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Inventory_items_filter_below_a_stock_level()
    {
        Parse(Items, "belowStock=5").Query.BelowStock.Should().Be(5);
    }

    [Theory]
    [InlineData("accounts", "limit=0", "invalid-limit")]
    [InlineData("accounts", "limit=201", "invalid-limit")]
    [InlineData("accounts", "limit=ten", "invalid-limit")]
    [InlineData("accounts", "status=frozen", "invalid-status")]
    [InlineData("accounts", "status=", "invalid-status")]
    [InlineData("carts", "status=closed", "invalid-status")]
    [InlineData("accounts", "changedAfter=yesterday", "invalid-timestamp")]
    [InlineData("accounts", "changedBefore=2026-13-01", "invalid-timestamp")]
    [InlineData("accounts", "changedAfter=2026-12-02T00:00:00Z&changedBefore=2026-12-01T00:00:00Z", "invalid-range")]
    [InlineData("carts", "idleFor=30m", "invalid-duration")]
    [InlineData("carts", "idleFor=-5", "invalid-duration")]
    [InlineData("carts", "idleFor=-00:05:00", "invalid-duration")]
    [InlineData("carts", "idleFor=25:00:00", "invalid-duration")]
    [InlineData("accounts", "minBalance=ten", "invalid-amount")]
    [InlineData("accounts", "minBalance=10&maxBalance=5", "invalid-range")]
    [InlineData("inventory-items", "belowStock=-1", "invalid-stock-level")]
    [InlineData("inventory-items", "belowStock=1.5", "invalid-stock-level")]
    [InlineData("accounts", "cursor=garbage!", "invalid-cursor")]
    [InlineData("accounts", "after=alice", "invalid-after")]
    [InlineData("accounts", "wait=forever", "invalid-wait")]
    [InlineData("carts", "minBalance=5", "unsupported-filter")]
    [InlineData("accounts", "belowStock=5", "unsupported-filter")]
    [InlineData("accounts", "sort=balance", "unknown-parameter")]
    public void A_malformed_parameter_is_a_400_with_its_code(string kind, string query, string code)
    {
        var (request, problem) = EntityListRequestParser.Parse(
            QueryOf(query), StringValues.Empty, All.Get(kind), All, Kinds, new ReadModelOptions(), Now);

        request.Should().BeNull();
        problem.Should().NotBeNull();
        problem!.StatusCode.Should().Be(400);
        problem.ProblemDetails.Extensions.Should().Contain("code", code, "detail: {0}", problem.ProblemDetails.Detail);
        problem.ProblemDetails.Type.Should().Be(Problems.TypePrefix + code);
    }

    [Fact]
    public void A_cursor_is_taken_by_the_list_that_gave_it_whatever_its_limit_and_refused_by_another_kind_or_other_filters()
    {
        var given = Parse(Accounts, "status=open&minBalance=10&limit=5");
        var cursor = ListCursor.Bind(new ListCursor(5, "x").Encode(), given.List);

        Parse(Accounts, $"minBalance=10&status=open&limit=20&cursor={cursor}").Query.After.Should().Be(new ListCursor(5, "x"), "the same list, its parameters in another order and another limit");
        foreach (var (projection, query) in new (IEntityProjection, string)[] { (Carts, "status=open"), (Accounts, "status=open&minBalance=11"), (Accounts, "status=open") })
        {
            var (request, problem) = EntityListRequestParser.Parse(
                QueryOf($"{query}&cursor={cursor}"), StringValues.Empty, projection, All, Kinds, new ReadModelOptions(), Now);

            request.Should().BeNull();
            problem!.ProblemDetails.Extensions["code"].Should().Be("invalid-cursor");
            problem.ProblemDetails.Detail.Should().Contain("another list", query);
        }
    }

    [Fact]
    public void A_cursor_given_before_cursors_were_bound_is_still_taken() =>
        Parse(Accounts, $"status=open&cursor={new ListCursor(5, "x").Encode()}").Query.After.Should().Be(new ListCursor(5, "x"));

    private static EntityListRequest Parse(IEntityProjection projection, string query)
    {
        var (request, problem) = EntityListRequestParser.Parse(
            QueryOf(query), StringValues.Empty, projection, All, Kinds, new ReadModelOptions(), Now);
        problem.Should().BeNull(problem?.ProblemDetails.Detail);
        return request!;
    }

    private static QueryCollection QueryOf(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
}
