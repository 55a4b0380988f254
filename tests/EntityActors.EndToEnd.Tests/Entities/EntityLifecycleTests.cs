using System.Net;
using System.Text.Json.Nodes;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>Each entity's happy path and a rejection, over HTTP, on the real runtime.</summary>
[Collection(DaprCollection.Name)]
public sealed class EntityLifecycleTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{

    [Fact]
    public async Task Account_opens_takes_deposits_and_refuses_to_overdraw_changing_nothing()
    {
        var id = DaprAppFixture.UniqueId("acct");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Ann", currency = "EUR" });
        var deposited = await Api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(100) });
        deposited["version"]!.GetValue<long>().Should().Be(2);
        deposited["entity"]!["state"]!["balance"]!.GetValue<decimal>().Should().Be(100);

        using var refused = await Api.SignalAsync("accounts", id, "withdraw", new { amount = Eur(150) }, waitSeconds: 15);

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await ProblemAsync(refused);
        problem["code"]!.GetValue<string>().Should().Be("insufficient-funds");
        problem["detail"]!.GetValue<string>().Should().Contain("100");
        var account = await Api.GetAsync("accounts", id, minSequence: 3, waitSeconds: 10);
        account!["version"]!.GetValue<long>().Should().Be(2, "a rejection changes nothing");
        account["sequence"]!.GetValue<long>().Should().Be(3, "but it was handled");
        account["state"]!["balance"]!.GetValue<decimal>().Should().Be(100);
    }

    [Fact]
    public async Task Cart_collects_items_and_refuses_a_second_currency()
    {
        var id = DaprAppFixture.UniqueId("cart");
        await Api.ApplyAsync("carts", id, "add-item", new { sku = "apple", quantity = 2, unitPrice = Eur(1.5m) });
        await Api.ApplyAsync("carts", id, "add-item", new { sku = "pear", quantity = 1, unitPrice = Eur(2m) });
        var changed = await Api.ApplyAsync("carts", id, "change-quantity", new { sku = "apple", quantity = 4 });
        changed["entity"]!["state"]!["total"]!["amount"]!.GetValue<decimal>().Should().Be(8m);

        using var refused = await Api.SignalAsync("carts", id, "add-item", new { sku = "kiwi", quantity = 1, unitPrice = new Money(1m, "USD") }, waitSeconds: 15);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemAsync(refused))["code"]!.GetValue<string>().Should().Be("currency-mismatch");
        var cart = await Api.GetAsync("carts", id, minSequence: 4, waitSeconds: 10);
        cart!["state"]!["items"]!.AsArray().Select(line => line!["sku"]!.GetValue<string>()).Should().Equal("apple", "pear");
        cart["version"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public async Task Inventory_item_reserves_and_commits_and_refuses_to_reserve_more_than_available()
    {
        var id = DaprAppFixture.UniqueId("sku");
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 5 });
        await Api.ApplyAsync("inventory-items", id, "reserve", new { reservationId = "r1", quantity = 3 });

        using var refused = await Api.SignalAsync("inventory-items", id, "reserve", new { reservationId = "r2", quantity = 3 }, waitSeconds: 15);
        var committed = await Api.ApplyAsync("inventory-items", id, "commit", new { reservationId = "r1" });

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(refused))["code"]!.GetValue<string>().Should().Be("out-of-stock");
        var state = committed["entity"]!["state"]!;
        state["onHand"]!.GetValue<int>().Should().Be(2);
        state["available"]!.GetValue<int>().Should().Be(2);
        state["reservations"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task An_entity_that_never_received_a_signal_is_not_found()
    {
        using var response = await Api.Http.GetAsync($"carts/{DaprAppFixture.UniqueId("never")}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("entity-not-found");
    }

    [Fact]
    public async Task A_query_waits_for_the_callers_own_write()
    {
        var id = DaprAppFixture.UniqueId("ryw");
        using var accepted = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 7 });
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var receipt = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!;
        var sequence = receipt["sequence"]!.GetValue<long>();

        var item = await Api.GetAsync("inventory-items", id, minSequence: sequence, waitSeconds: 10);

        item!["sequence"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(sequence);
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(7);
        receipt["status"]!.GetValue<string>().Should().Be($"/inventory-items/{id}?minSequence={sequence}&wait=5");
    }
}
