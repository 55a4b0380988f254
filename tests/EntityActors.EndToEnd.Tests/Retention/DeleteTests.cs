using System.Net;
using EntityActors.EndToEnd.Tests.ReadModel;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Retention;

/// <summary><c>DELETE /{kind}/{id}</c> on the real runtime: the entity is erased entirely, and its id starts afresh.</summary>
[Collection(DaprCollection.Name)]
public sealed class DeleteTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task Deleting_an_entity_erases_workflow_records_and_list_row_and_a_later_signal_starts_a_new_one()
    {
        var id = DaprAppFixture.UniqueId("delete");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Dora", currency = "EUR" }, key: "open-1");
        var deposit = await Api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(70) }, key: "dep-1");
        await Api.ListAsync("accounts", $"after={deposit["signalId"]}&wait=10&limit=5");

        using var deleted = await Api.Http.DeleteAsync($"accounts/{id}");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Api.GetAsync("accounts", id)).Should().BeNull();
        using (var history = await Api.Http.GetAsync($"accounts/{id}/history"))
        {
            history.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await Api.ListAsync("accounts", "limit=200")).Ids().Should().NotContain(id);
        using var dapr = Fixture.Environment.CreateDaprClient();
        foreach (var key in new[] { $"accounts-{id}:head", $"accounts-{id}:key:dep-1", $"accounts-{id}:key:open-1", $"accounts-{id}:signal:1", $"accounts-{id}:signal:2", $"accounts-{id}:outcome:1" })
        {
            using var stored = await dapr.GetAsync($"v1.0/state/entitystore/{key}");
            stored.StatusCode.Should().Be(HttpStatusCode.NoContent, $"{key} should be erased");
        }

        using (var again = await Api.Http.DeleteAsync($"accounts/{id}"))
        {
            again.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ProblemAsync(again))["code"]!.GetValue<string>().Should().Be("entity-not-found");
        }

        // The old idempotency key is gone with the entity: the same request now reaches a new, unopened account.
        using var reused = await Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(70) }, key: "dep-1", waitSeconds: 15);
        reused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        reused.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        var problem = await ProblemAsync(reused);
        problem["code"]!.GetValue<string>().Should().Be("account-not-open");
        problem["sequence"]!.GetValue<long>().Should().Be(1);
        var reopened = await Api.ApplyAsync("accounts", id, "open", new { owner = "Dora II", currency = "EUR" });
        reopened["sequence"]!.GetValue<long>().Should().Be(2);
        var listed = await Api.ListAsync("accounts", $"after={reopened["signalId"]}&wait=10&limit=5");
        listed.Item(id)["summary"]!["owner"]!.GetValue<string>().Should().Be("Dora II");
    }

    [Fact]
    public async Task Signals_racing_a_delete_either_went_with_the_old_entity_or_started_the_new_one_and_nothing_old_comes_back()
    {
        var id = DaprAppFixture.UniqueId("delete-race");
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 });
        var senders = Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Delay(i * 5);
            using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: $"race-{i}");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }).ToList();
        await Task.Delay(80);
        using var deleted = await Api.Http.DeleteAsync($"inventory-items/{id}");
        await Task.WhenAll(senders);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);

        var marker = await Api.SendAsync("inventory-items", id, "restock", new { quantity = 1000 }, key: "marker");
        var markerSequence = marker["sequence"]!.GetValue<long>();
        var item = await Api.GetAsync("inventory-items", id, minSequence: markerSequence, waitSeconds: 15);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var settled = await Api.GetAsync("inventory-items", id);
        var history = await Api.HistoryAsync("inventory-items", id, "limit=100");

        item!["sequence"]!.GetValue<long>().Should().Be(markerSequence, "the new entity applied every signal it acknowledged, in order");
        item["version"]!.GetValue<long>().Should().Be(markerSequence, "each was a restock of its own (no old key made one a duplicate)");
        item["state"]!["onHand"]!.GetValue<int>().Should().Be((int)markerSequence - 1 + 1000, "only the new entity's restocks count");
        settled!["sequence"]!.GetValue<long>().Should().Be(markerSequence, "no old signal was raised into the new entity afterwards");
        history["items"]!.AsArray().Select(i => i!["sequence"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, (int)markerSequence).Reverse().Select(s => (long)s));
    }

    [Fact]
    public async Task An_account_holding_money_or_an_item_with_stock_reserved_is_not_erased_until_released()
    {
        var account = DaprAppFixture.UniqueId("held");
        var item = DaprAppFixture.UniqueId("reserved");
        await Api.ApplyAsync("accounts", account, "open", new { owner = "Ada", currency = "EUR" });
        await Api.ApplyAsync("accounts", account, "deposit", new { amount = new { amount = 100, currency = "EUR" } });
        await Api.ApplyAsync("accounts", account, "place-hold", new { holdId = "cart-1-checkout-1", amount = new { amount = 60, currency = "EUR" } });
        await Api.ApplyAsync("inventory-items", item, "restock", new { quantity = 5 });
        await Api.ApplyAsync("inventory-items", item, "reserve", new { reservationId = "cart-1-checkout-1", quantity = 2 });

        using (var heldAccount = await Api.Http.DeleteAsync($"accounts/{account}"))
        using (var reservedItem = await Api.Http.DeleteAsync($"inventory-items/{item}"))
        {
            heldAccount.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var problem = await ProblemAsync(heldAccount);
            problem["code"]!.GetValue<string>().Should().Be("holds-open");
            problem["detail"]!.GetValue<string>().Should().Contain("cart-1-checkout-1");
            reservedItem.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await ProblemAsync(reservedItem))["code"]!.GetValue<string>().Should().Be("reservations-open");
        }

        (await Api.GetAsync("accounts", account))!["state"]!["holds"]!["cart-1-checkout-1"]!.GetValue<decimal>().Should().Be(60m, "a refused erase changes nothing");
        (await Api.GetAsync("inventory-items", item))!["state"]!["reserved"]!.GetValue<int>().Should().Be(2);

        await Api.ApplyAsync("accounts", account, "release-hold", new { holdId = "cart-1-checkout-1" });
        await Api.ApplyAsync("inventory-items", item, "release", new { reservationId = "cart-1-checkout-1" });
        using (var released = await Api.Http.DeleteAsync($"accounts/{account}"))
        using (var releasedItem = await Api.Http.DeleteAsync($"inventory-items/{item}"))
        {
            released.StatusCode.Should().Be(HttpStatusCode.NoContent);
            releasedItem.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task Deleting_an_unknown_entity_is_a_404_and_a_bad_id_a_400()
    {
        using var unknown = await Api.Http.DeleteAsync($"carts/{DaprAppFixture.UniqueId("never")}");
        using var bad = await Api.Http.DeleteAsync("carts/-bad-");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ProblemAsync(unknown))["code"]!.GetValue<string>().Should().Be("entity-not-found");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(bad))["code"]!.GetValue<string>().Should().Be("invalid-entity-id");
    }
}
