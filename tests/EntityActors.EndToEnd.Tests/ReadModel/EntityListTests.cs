using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.ReadModel;

/// <summary><c>GET /{kind}</c> on the real runtime: the read model follows the domain events, filters, pages, reads your writes.</summary>
[Collection(DaprCollection.Name)]
public sealed class EntityListTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Accounts_appear_in_the_list_from_their_events_newest_change_first_with_status_summary_and_state()
    {
        var since = Since();
        var older = DaprAppFixture.UniqueId("list-older");
        var newer = DaprAppFixture.UniqueId("list-newer");
        await Api.ApplyAsync("accounts", older, "open", new { owner = "Olga", currency = "EUR" });
        await Api.ApplyAsync("accounts", older, "deposit", new { amount = Eur(40) });
        await Api.ApplyAsync("accounts", newer, "open", new { owner = "Nils", currency = "EUR" });

        var page = await Api.ListUntilAsync("accounts", $"changedAfter={since}", p => p.Ids().Contains(older) && p.Ids().Contains(newer)
            && p.Item(older)["version"]!.GetValue<long>() == 2, Settle);

        page["kind"]!.GetValue<string>().Should().Be("accounts");
        page.Ids().Should().ContainInOrder(newer, older);
        var item = page.Item(older);
        item["status"]!.GetValue<string>().Should().Be("open");
        item["sequence"]!.GetValue<long>().Should().Be(2);
        item["summary"]!.ToJsonString().Should().Be("""{"balance":40,"available":40,"currency":"EUR","owner":"Olga"}""");
        item["state"]!["balance"]!.GetValue<decimal>().Should().Be(40);
        item["lastChangedAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(DateTimeOffset.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        page["position"]!.GetValue<long>().Should().BePositive();
        page.ContainsKey("nextCursor").Should().BeTrue("the contract always names the next cursor, null on the last page");
    }

    [Fact]
    public async Task Rejected_signals_reach_the_list_without_being_asked_for_an_entity_made_by_one_and_the_sequence_they_moved()
    {
        var ghost = DaprAppFixture.UniqueId("list-ghost");
        var rita = DaprAppFixture.UniqueId("list-rejected");
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        await Api.SendAsync("accounts", ghost, "withdraw", new { amount = Eur(5) });
        await Api.ApplyAsync("accounts", rita, "open", new { owner = "Rita", currency = "EUR" });
        await Api.ApplyAsync("accounts", rita, "deposit", new { amount = Eur(5) });
        await Api.SendAsync("accounts", rita, "withdraw", new { amount = Eur(50) });

        var changed = await Api.ListUntilAsync("accounts", $"changedAfter={since}&limit=200",
            page => page.Ids().Contains(rita) && page.Item(rita)["sequence"]!.GetValue<long>() == 3, TimeSpan.FromSeconds(20));
        var unopened = await Api.ListUntilAsync("accounts", "status=unopened&limit=200", page => page.Ids().Contains(ghost), TimeSpan.FromSeconds(20));

        // Before, the live feed skipped a batch of rejections: the row kept sequence 2, and only a rebuild listed the ghost.
        changed.Item(rita)["sequence"]!.GetValue<long>().Should().Be(3, "the rejected withdrawal moved the account's sequence");
        unopened.Ids().Should().Contain(ghost, "an entity whose only signal was rejected exists, unopened");
    }

    [Fact]
    public async Task After_with_wait_reads_your_own_write_at_once_even_a_rejected_one_which_publishes_no_event()
    {
        var id = DaprAppFixture.UniqueId("list-ryw");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Rita", currency = "EUR" });
        var refused = await Api.SendAsync("accounts", id, "withdraw", new { amount = Eur(5) });
        var signalId = refused["signalId"]!.GetValue<string>();

        var page = await Api.ListAsync("accounts", $"after={signalId}&wait=10&limit=20");
        var byKindIdSequence = await Api.ListAsync("accounts", $"after=accounts/{id}@2&wait=10&status=open");

        var notYet = await Api.ListAsync("accounts", $"after=accounts/{id}@9&wait=1&limit=1");
        var plain = await Api.ListAsync("accounts", "limit=1");

        page.Item(id)["sequence"]!.GetValue<long>().Should().Be(2, "the refused withdrawal was handled, and the list says so");
        page.Item(id)["version"]!.GetValue<long>().Should().Be(1, "it changed nothing");
        page["afterReached"]!.GetValue<bool>().Should().BeTrue();
        byKindIdSequence.Ids().Should().Contain(id);
        notYet["afterReached"]!.GetValue<bool>().Should().BeFalse("sequence 9 was never applied: the page must not pass for one that includes it");
        plain.ContainsKey("afterReached").Should().BeFalse();
    }

    [Fact]
    public async Task Filters_narrow_each_kind_by_status_balance_stock_and_idle_time()
    {
        var since = Since();
        var poor = DaprAppFixture.UniqueId("list-poor");
        var rich = DaprAppFixture.UniqueId("list-rich");
        var closed = DaprAppFixture.UniqueId("list-closed");
        await Api.ApplyAsync("accounts", poor, "open", new { owner = "P", currency = "EUR" });
        await Api.ApplyAsync("accounts", poor, "deposit", new { amount = Eur(5) });
        await Api.ApplyAsync("accounts", rich, "open", new { owner = "R", currency = "EUR" });
        await Api.ApplyAsync("accounts", rich, "deposit", new { amount = Eur(5000) });
        await Api.ApplyAsync("accounts", closed, "open", new { owner = "C", currency = "EUR" });
        await Api.ApplyAsync("accounts", closed, "close");
        var low = DaprAppFixture.UniqueId("list-low");
        var high = DaprAppFixture.UniqueId("list-high");
        await Api.ApplyAsync("inventory-items", low, "restock", new { quantity = 2 });
        await Api.ApplyAsync("inventory-items", high, "restock", new { quantity = 200 });
        var cart = DaprAppFixture.UniqueId("list-idle");
        var added = await Api.ApplyAsync("carts", cart, "add-item", new { sku = "tea", quantity = 1, unitPrice = Eur(3m) });

        var window = $"changedAfter={since}";
        await Api.ListUntilAsync("accounts", window, p => p.Ids().Count == 3 && p["items"]!.AsArray().All(i => i!["version"]!.GetValue<long>() == 2), Settle);
        await Api.ListUntilAsync("inventory-items", window, p => p.Ids().Count == 2, Settle);
        var rich4000 = await Api.ListAsync("accounts", $"{window}&minBalance=4000");
        var poorTo10 = await Api.ListAsync("accounts", $"{window}&minBalance=1&maxBalance=10");
        var closedOnly = await Api.ListAsync("accounts", $"{window}&status=closed");
        var lowStock = await Api.ListAsync("inventory-items", $"{window}&belowStock=10");
        await Api.ListAsync("carts", $"after={added["signalId"]}&wait=10");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var idle = await Api.ListAsync("carts", $"{window}&status=open&idleFor=1");
        var notIdle = await Api.ListAsync("carts", $"{window}&idleFor=PT1H");

        rich4000.Ids().Should().Equal(rich);
        rich4000.Item(rich)["summary"]!["balance"]!.GetValue<decimal>().Should().Be(5000);
        poorTo10.Ids().Should().Equal(poor);
        closedOnly.Ids().Should().Equal(closed);
        lowStock.Ids().Should().Equal(low);
        lowStock.Item(low)["status"]!.GetValue<string>().Should().Be("in-stock");
        idle.Ids().Should().Contain(cart);
        notIdle.Ids().Should().NotContain(cart);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_without_repeating_or_missing_an_entity()
    {
        var since = Since();
        var ids = new List<string>();
        JsonObject? last = null;
        for (var i = 0; i < 7; i++)
        {
            var id = DaprAppFixture.UniqueId($"list-page-{i}");
            last = await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = i + 1 });
            ids.Add(id);
        }

        await Api.ListUntilAsync("inventory-items", $"changedAfter={since}&limit=100&after={last!["signalId"]}&wait=10", p => p.Ids().Count == 7, Settle);
        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await Api.ListAsync("inventory-items", $"changedAfter={since}&limit=3{(cursor is null ? string.Empty : "&cursor=" + cursor)}");
            seen.AddRange(page.Ids());
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Reverse(ids), "newest change first, each once");
    }

    [Theory]
    [InlineData("accounts?limit=0", "invalid-limit")]
    [InlineData("accounts?status=frozen", "invalid-status")]
    [InlineData("carts?minBalance=1", "unsupported-filter")]
    [InlineData("inventory-items?belowStock=lots", "invalid-stock-level")]
    [InlineData("carts?idleFor=soon", "invalid-duration")]
    [InlineData("accounts?cursor=x", "invalid-cursor")]
    [InlineData("accounts?after=nobody", "invalid-after")]
    [InlineData("accounts?changedAfter=tomorrow", "invalid-timestamp")]
    [InlineData("accounts?sort=id", "unknown-parameter")]
    public async Task A_malformed_list_parameter_is_a_400_problem_with_its_code(string path, string code)
    {
        using var response = await Api.Http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be(code);
    }

    /// <summary>An instant a little before now, as a list's changedAfter: only this test's entities changed since.</summary>
    private static string Since() =>
        (DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(5)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
