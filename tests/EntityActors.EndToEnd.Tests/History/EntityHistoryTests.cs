using System.Net;
using System.Text.Json.Nodes;
using EntityActors.EndToEnd.Tests.ReadModel;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.History;

/// <summary><c>GET /{kind}/{id}/history</c> on the real runtime: every handled signal, newest first, paged.</summary>
[Collection(DaprCollection.Name)]
public sealed class EntityHistoryTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task History_shows_every_handled_signal_newest_first_with_its_outcome_events_times_and_trace()
    {
        var id = DaprAppFixture.UniqueId("history");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Hana", currency = "EUR" });
        await Api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(30) }, key: "dep-30");
        using var refused = await Api.SignalAsync("accounts", id, "withdraw", new { amount = Eur(31) }, waitSeconds: 15);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var history = await Api.HistoryAsync("accounts", id);

        var items = history["items"]!.AsArray().Select(item => item!.AsObject()).ToList();
        items.Select(item => item["sequence"]!.GetValue<long>()).Should().Equal(3, 2, 1);
        items.Select(item => item["signal"]!.GetValue<string>()).Should().Equal("withdraw", "deposit", "open");
        history["nextBefore"].Should().BeNull();
        var withdraw = items[0];
        withdraw["accepted"]!.GetValue<bool>().Should().BeFalse();
        withdraw["rejection"]!["code"]!.GetValue<string>().Should().Be("insufficient-funds");
        withdraw["rejection"]!["detail"]!.GetValue<string>().Should().Contain("30");
        withdraw["events"]!.AsArray().Should().BeEmpty();
        withdraw["version"]!.GetValue<long>().Should().Be(2);
        var deposit = items[1];
        deposit["idempotencyKey"]!.GetValue<string>().Should().Be("dep-30");
        deposit["signalId"]!.GetValue<string>().Should().Be($"accounts-{id}:2");
        deposit["accepted"]!.GetValue<bool>().Should().BeTrue();
        deposit["rejection"].Should().BeNull();
        deposit["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("money-deposited");
        deposit["appliedAt"]!.GetValue<DateTimeOffset>().Should().BeOnOrAfter(deposit["acceptedAt"]!.GetValue<DateTimeOffset>());
        deposit["traceId"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task History_pages_back_with_before_through_the_stored_outcome_records_to_the_first_signal()
    {
        var id = DaprAppFixture.UniqueId("history-long");
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 });
        JsonObject? last = null;
        for (var i = 0; i < 29; i++)
        {
            last = await Api.SendAsync("inventory-items", id, "restock", new { quantity = 1 });
        }

        await Api.GetAsync("inventory-items", id, minSequence: last!["sequence"]!.GetValue<long>(), waitSeconds: 15);
        var sequences = new List<long>();
        string before = string.Empty;
        var pages = 0;
        while (true)
        {
            var page = await Api.HistoryAsync("inventory-items", id, $"limit=12{before}");
            pages++;
            foreach (var item in page["items"]!.AsArray())
            {
                sequences.Add(item!["sequence"]!.GetValue<long>());
                item["accepted"]!.GetValue<bool>().Should().BeTrue();
                item["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal(["restocked"], "every outcome, stored or recent, has its events");
            }

            if (page["nextBefore"] is not { } next)
            {
                break;
            }

            before = $"&before={next.GetValue<long>()}";
        }

        pages.Should().Be(3);
        sequences.Should().Equal(Enumerable.Range(1, 30).Reverse().Select(s => (long)s));
    }

    [Fact]
    public async Task The_history_of_an_unknown_entity_is_a_404_and_bad_paging_a_400()
    {
        using var unknown = await Api.Http.GetAsync($"carts/{DaprAppFixture.UniqueId("never")}/history");
        using var badBefore = await Api.Http.GetAsync("carts/x/history?before=0");
        using var badLimit = await Api.Http.GetAsync("carts/x/history?limit=100000");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ProblemAsync(unknown))["code"]!.GetValue<string>().Should().Be("entity-not-found");
        (await ProblemAsync(badBefore))["code"]!.GetValue<string>().Should().Be("invalid-before");
        (await ProblemAsync(badLimit))["code"]!.GetValue<string>().Should().Be("invalid-limit");
    }
}
