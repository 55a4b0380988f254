using System.Net;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>
/// On the embedded default the app writes its records into the SQLite file of the sidecar's entity store component
/// itself, in the component's table: the sidecar takes no state transaction for them, yet reads every one of them.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class EmbeddedEntityStoreTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task Signals_are_stored_without_a_state_transaction_through_the_sidecar_which_still_reads_them()
    {
        var id = DaprAppFixture.UniqueId("embedded");
        var instance = $"inventory-items-{id}";
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "embedded-1");
        var before = await SidecarTransactionsAsync();

        for (var n = 2; n <= 20; n++)
        {
            using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: $"embedded-{n}");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        (await SidecarTransactionsAsync() - before).Should().Be(0, "the app commits its own records to the file");
        using var dapr = Fixture.Environment.CreateDaprClient();
        var envelope = JsonNode.Parse(await dapr.GetStringAsync($"v1.0/state/entitystore/{instance}:signal:20"))!;
        envelope["idempotencyKey"]!.GetValue<string>().Should().Be("embedded-20");
        envelope["outcome"]!["accepted"]!.GetValue<bool>().Should().BeTrue();
        var item = await Api.GetAsync("inventory-items", id, minSequence: 20, waitSeconds: 20);
        item!["state"]!["onHand"]!.GetValue<int>().Should().Be(20);

        // The counter does count the sidecar's transactions on that component: one made through it shows.
        var counted = await SidecarTransactionsAsync();
        using var transaction = await dapr.PostAsync("v1.0/state/entitystore/transaction", new StringContent(
            $$$"""{"operations":[{"operation":"upsert","request":{"key":"{{{instance}}}:scratch","value":1}}]}""", System.Text.Encoding.UTF8, "application/json"));
        transaction.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await SidecarTransactionsAsync()).Should().Be(counted + 1);
    }

    private Task<double> SidecarTransactionsAsync() =>
        SidecarMetrics.SumAsync(Fixture.Environment.DaprMetricsAddress, "dapr_component_state_count",
            series => series.Label("component") == "entitystore" && series.Label("operation") == "transaction");
}
