using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>Three replicas on PostgreSQL sharing the entities: one activation each, exactly once, read your writes anywhere.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SpreadTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Entities = 100;

    [Fact]
    public async Task Signals_spread_round_robin_activate_each_entity_in_one_replica_apply_once_and_read_back_from_any_replica()
    {
        try
        {
            var before = (await fixture.ActiveActorsAsync("InventoryItemActor")).Sum();
            var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
            var ids = Enumerable.Range(0, Entities).Select(_ => ScaleOutFixture.UniqueId("spread")).ToArray();
            var stale = new ConcurrentBag<string>();

            await Parallel.ForEachAsync(Enumerable.Range(0, Entities), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            {
                var id = ids[i];
                var first = await SignalClient.SendAsync(clients[i % 3], i % 3, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-a", waitSeconds: i % 4 == 0 ? 20 : null, cancellationToken: token);
                var second = await SignalClient.SendAsync(clients[(i + 1) % 3], (i + 1) % 3, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-b", waitSeconds: 20, cancellationToken: token);
                var repeated = await SignalClient.SendAsync(clients[(i + 2) % 3], (i + 2) % 3, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-b", cancellationToken: token);
                foreach (var attempt in new[] { first, second, repeated })
                {
                    attempt.Kind.Should().Be(AnswerKind.Acknowledged, attempt.ToString());
                }

                // The caller's write, read from another replica than the one that took it.
                var read = await EntityReads.GetAsync(clients[(i + 2) % 3], "inventory-items", id, minSequence: 2, waitSeconds: 20);
                if (read["sequence"]!.GetValue<long>() < 2)
                {
                    stale.Add(id);
                }
            });

            var after = await fixture.ActiveActorsAsync("InventoryItemActor");
            output.WriteLine($"inventory item actors per replica: {string.Join(", ", after)} (before: {before} in all)");
            stale.Should().BeEmpty("a read with minSequence waits until the caller's write is visible, whichever replica serves it");
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var item = await EntityReads.GetAsync(clients[i % 3], "inventory-items", id, minSequence: 2, waitSeconds: 20);
                item["sequence"]!.GetValue<long>().Should().Be(2, $"{id}: two keys, the second sent twice");
                item["state"]!["onHand"]!.GetValue<int>().Should().Be(2, id);
            }

            (after.Sum() - before).Should().Be(Entities, "each entity's actor is active in exactly one replica");
            after.Should().OnlyContain(count => count > 0, "placement spreads the entities over all three replicas");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task Every_replica_lists_the_same_entities_from_one_read_model_on_the_shared_server()
    {
        try
        {
            var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
            var prefix = ScaleOutFixture.UniqueId("listed");
            var ids = Enumerable.Range(0, 9).Select(i => $"{prefix}-{i}").ToArray();
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var answer = await SignalClient.SendAsync(clients[i % 3], i % 3, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-a", waitSeconds: 20);
                answer.Kind.Should().Be(AnswerKind.Acknowledged, answer.ToString());
            }

            foreach (var client in clients)
            {
                var status = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("admin/read-model");
                status!["provider"]!.GetValue<string>().Should().BeEquivalentTo("postgres", "several replicas share one read model, as production's");
                foreach (var id in ids)
                {
                    // Each entity's change made visible to this replica's list first (read your writes through the list).
                    var caughtUp = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"inventory-items?after=inventory-items/{id}@1&wait=10&limit=1");
                    caughtUp!["afterReached"]!.GetValue<bool>().Should().BeTrue(id);
                }

                var page = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("inventory-items?limit=200");
                var listed = page!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                listed.Should().BeEquivalentTo(ids, "every replica lists every entity, whichever replica's writer took it");
            }
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task PostgreSQL_v2_refuses_a_first_write_of_an_existing_key_and_rolls_the_whole_transaction_back()
    {
        using var sidecar = fixture.Replicas[0].CreateDaprClient();
        var run = Guid.NewGuid().ToString("N");
        (await sidecar.PostAsJsonAsync("v1.0/state/entitystore", new[] { new { key = $"probe-{run}-existing", value = 1 } })).EnsureSuccessStatusCode();
        var transaction = System.Text.Json.JsonSerializer.Serialize(new
        {
            operations = new object[]
            {
                new { operation = "upsert", request = new { key = $"probe-{run}-bystander", value = 1 } },
                new { operation = "upsert", request = new { key = $"probe-{run}-existing", value = 2, options = new { concurrency = "first-write" } } },
            },
        });

        using var refused = await sidecar.PostAsync("v1.0/state/entitystore/transaction", new StringContent(transaction, Encoding.UTF8, "application/json"));
        var kept = await sidecar.GetStringAsync($"v1.0/state/entitystore/probe-{run}-existing");
        using var bystander = await sidecar.GetAsync($"v1.0/state/entitystore/probe-{run}-bystander");
        using var app = fixture.Replicas[0].CreateAppClient();
        var account = ScaleOutFixture.UniqueId("probe");
        await EntityReads.ApplyAsync(app, "accounts", account, "open", new { owner = "Probe", currency = "EUR" });
        // The app wrote the signal's envelope into the component's table itself: every replica's sidecar reads it.
        foreach (var replica in fixture.Replicas)
        {
            using var replicaSidecar = replica.CreateDaprClient();
            (await replicaSidecar.GetStringAsync($"v1.0/state/entitystore/accounts-{account}:signal:1")).Should().Contain("\"name\":\"open\"");
        }

        refused.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("no item was updated", "PostgreSQL v2 words a first-write conflict so, not as an ETag mismatch");
        kept.Should().Be("1");
        bystander.StatusCode.Should().Be(HttpStatusCode.NoContent, "the other write of the refused transaction was rolled back");
        fixture.LogLines.Should().Contain(line => line.Contains("PostgreSQL table entity_state refuses a blind insert of an existing key atomically: True", StringComparison.Ordinal),
            "the app's own probe finds the insert-if-absent fast path usable on the component's table, which the app writes itself");
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
