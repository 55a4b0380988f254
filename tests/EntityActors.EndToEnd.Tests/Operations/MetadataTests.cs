using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>What the Dapr dashboard shows of the app: the sidecar's metadata API.</summary>
[Collection(SecuredAppCollection.Name)]
public sealed class MetadataTests(SecuredAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Sidecar_metadata_lists_the_app_id_every_actor_type_with_its_active_count_both_components_and_the_signals_subscription()
    {
        try
        {
            using var api = fixture.CreateApiClient();
            await Signals.ApplyAsync(api, "carts", DaprAppFixture.UniqueId("meta"), "add-item", """{"sku":"pear","quantity":1,"unitPrice":{"amount":2,"currency":"EUR"}}""");
            await Signals.ApplyAsync(api, "accounts", DaprAppFixture.UniqueId("meta"), "open", """{"owner":"Meta","currency":"EUR"}""");
            await Signals.ApplyAsync(api, "inventory-items", DaprAppFixture.UniqueId("meta"), "restock", """{"quantity":1}""");
            using var sidecar = fixture.Environment.CreateDaprClient();

            var metadata = (await sidecar.GetFromJsonAsync<JsonObject>("v1.0/metadata"))!;
            output.WriteLine(metadata.ToJsonString());

            metadata["id"]!.GetValue<string>().Should().Be(fixture.Environment.AppId);
            var active = metadata["actorRuntime"]!["activeActors"]!.AsArray()
                // The sidecar leaves "count" out while it is 0 (protobuf JSON drops default values).
                .ToDictionary(actor => actor!["type"]!.GetValue<string>(), actor => actor!["count"]?.GetValue<int>() ?? 0);
            active.Should().ContainKeys("CartActor", "AccountActor", "InventoryItemActor");
            active["CartActor"].Should().BeGreaterThan(0);
            active["AccountActor"].Should().BeGreaterThan(0);
            active["InventoryItemActor"].Should().BeGreaterThan(0);
            metadata["actorRuntime"]!["placement"]!.GetValue<string>().Should().Be("placement: connected");
            metadata["components"]!.AsArray().Select(component => (component!["name"]!.GetValue<string>(), component["type"]!.GetValue<string>()))
                .Should().Contain([("statestore", "state.sqlite"), ("entitystore", "state.sqlite"), ("pubsub", "pubsub.in-memory")]);
            metadata["subscriptions"]!.AsArray()
                .Should().Contain(subscription => subscription!["pubsubname"]!.GetValue<string>() == "pubsub"
                    && subscription["topic"]!.GetValue<string>() == "signals");
            metadata["workflows"]!["connectedWorkers"]!.GetValue<int>().Should().BeGreaterThan(0);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }
}
