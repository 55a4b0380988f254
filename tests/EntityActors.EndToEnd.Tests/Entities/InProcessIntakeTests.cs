using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>
/// Signals for an entity whose actor lives in the app's own process reach it without a round trip through the
/// sidecar, and a second writer of the same entity (two activations while placement moves it) cannot give two
/// signals one sequence number.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class InProcessIntakeTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task Signals_to_an_entity_whose_actor_is_active_here_do_not_go_through_the_sidecar()
    {
        var id = DaprAppFixture.UniqueId("local");
        // The first signal activates the actor: placement routes it through the sidecar to this app.
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "first");
        var routedBefore = await RoutedActorCallsAsync();
        routedBefore.Should().BeGreaterThan(0, "the sidecar counts the calls it routes to an actor, this first one among them");

        for (var n = 2; n <= 30; n++)
        {
            using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: $"local-{n}");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var item = await Api.GetAsync("inventory-items", id, minSequence: 30, waitSeconds: 20);
        item!["state"]!["onHand"]!.GetValue<int>().Should().Be(30);
        // Other tests' entities may take a routed call meanwhile (timers, sagas); these 29 signals must not.
        (await RoutedActorCallsAsync() - routedBefore).Should().BeLessThan(5,
            "the entity's actor is active in the app, so its signals are handed to it in process");
    }

    [Fact]
    public async Task A_sequence_another_activation_already_stored_is_not_given_out_again()
    {
        var id = DaprAppFixture.UniqueId("rival");
        var instance = $"inventory-items-{id}";
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "mine-1");

        // A rival activation (placement moving the entity) stores sequence 2, unseen by this one. Like this app, it
        // leaves the head alone: on SQLite the head is only a checkpoint, written every 16 sequences.
        using var dapr = Fixture.Environment.CreateDaprClient();
        var first = JsonNode.Parse(await dapr.GetStringAsync($"v1.0/state/entitystore/{instance}:signal:1"))!.AsObject();
        var rival = first.DeepClone().AsObject();
        rival["signalId"] = $"{instance}:2";
        rival["sequence"] = 2;
        rival["idempotencyKey"] = "rival-2";
        using (var save = await dapr.PostAsJsonAsync("v1.0/state/entitystore", new object[]
        {
            new { key = $"{instance}:signal:2", value = rival },
        }))
        {
            save.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "mine-2");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>().Should().Be(3,
            "sequence 2 is taken: the store refuses a second envelope there and the actor looks for the first free one");
        var kept = JsonNode.Parse(await dapr.GetStringAsync($"v1.0/state/entitystore/{instance}:signal:2"))!;
        kept["idempotencyKey"]!.GetValue<string>().Should().Be("rival-2");
        // The lane raises the rival's envelope from the store before its own: nothing lost, nothing twice. (The
        // sidecar's HTTP API stored it with its keys sorted, "type" after "quantity": it must decode all the same.)
        var item = await Api.GetAsync("inventory-items", id, minSequence: 3, waitSeconds: 20);
        item!["sequence"]!.GetValue<long>().Should().Be(3, item.ToJsonString());
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(3, item.ToJsonString());
    }

    private Task<double> RoutedActorCallsAsync() =>
        SidecarMetrics.SumAsync(Fixture.Environment.DaprMetricsAddress, "dapr_http_server_request_count", series => series.Labels.Values.Any(value =>
            value.Contains("/actors/InventoryItemActor/", StringComparison.Ordinal) && value.Contains("/method", StringComparison.Ordinal)));
}
