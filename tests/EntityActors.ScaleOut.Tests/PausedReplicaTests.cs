using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>
/// A replica frozen long enough for placement to hand its entities to the others (a stalled node, a VM paused by its host)
/// comes back holding activations whose view the others have since moved past: what it answers must not be that view.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PausedReplicaTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan HandOverBound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Entities_written_elsewhere_while_their_replica_was_frozen_read_current_from_every_replica_once_it_goes_on(bool app, bool sidecar)
    {
        try
        {
            var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
            var frozen = fixture.Replicas[2];
            var ids = await EntitiesWrittenOnAsync(clients, frozen.AppBaseAddress);
            foreach (var id in ids)
            {
                // The frozen replica's activation holds the view of one restock.
                (await ItemAsync(clients[2], id))["state"]!["onHand"]!.GetValue<int>().Should().Be(1);
            }

            frozen.Pause(app, sidecar);
            try
            {
                using var deadline = new CancellationTokenSource(HandOverBound);
                await Parallel.ForEachAsync(ids, deadline.Token, async (id, token) =>
                {
                    // Through the first replica until placement hands the entity over and a writer there takes it.
                    while (true)
                    {
                        var attempt = await SignalClient.SendAsync(clients[0], 0, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-second", timeout: TimeSpan.FromSeconds(5), cancellationToken: token);
                        if (attempt.Kind == AnswerKind.Acknowledged)
                        {
                            break;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(500), token);
                    }
                });
                var handedOver = await ItemAsync(clients[1], ids[0], minSequence: 2);
                handedOver["state"]!["onHand"]!.GetValue<int>().Should().Be(2, "another replica wrote the second restock");
            }
            finally
            {
                frozen.Resume();
            }

            output.WriteLine($"{ids.Count} entities written elsewhere while replica 3's {(app ? "app" : string.Empty)}{(app && sidecar ? " and " : string.Empty)}{(sidecar ? "sidecar" : string.Empty)} was frozen");
            foreach (var id in ids)
            {
                for (var replica = 2; replica >= 0; replica--)
                {
                    var item = await ItemAsync(clients[replica], id);
                    item["state"]!["onHand"]!.GetValue<int>().Should().Be(2, $"{id} read from replica {replica + 1} after replica 3 went on: the second restock was acknowledged before");
                    item["sequence"]!.GetValue<long>().Should().Be(2, id);
                }
            }

            if (app)
            {
                fixture.LogLines.Should().Contain(line => line.Contains("The process stood still for", StringComparison.Ordinal),
                    "the frozen app says why its writers load their entities again");
            }
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    /// <summary>Inventory items restocked once whose writer is on the replica at <paramref name="writer"/> (as the answers name it).</summary>
    private static async Task<List<string>> EntitiesWrittenOnAsync(HttpClient[] clients, Uri writer)
    {
        var ids = new List<string>();
        for (var i = 0; ids.Count < 3 && i < 60; i++)
        {
            var id = ScaleOutFixture.UniqueId("frozen");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"inventory-items/{id}/signals/restock") { Content = JsonContent.Create(new { quantity = 1 }) };
            request.Headers.Add("Idempotency-Key", $"{id}-first");
            request.Headers.Add("Prefer", "wait=20");
            using var response = await clients[0].SendAsync(request);
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
            if (response.Headers.TryGetValues("Entity-Writer", out var named) && new Uri(named.Single()) == writer)
            {
                ids.Add(id);
            }
        }

        ids.Should().HaveCount(3, "placement gives the third replica about a third of the entities");
        return ids;
    }

    private static async Task<JsonObject> ItemAsync(HttpClient client, string id, long minSequence = 0)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var query = minSequence > 0 ? $"?minSequence={minSequence}&wait=10" : string.Empty;
        using var response = await client.GetAsync($"inventory-items/{id}{query}", bounded.Token);
        var text = await response.Content.ReadAsStringAsync(bounded.Token);
        response.IsSuccessStatusCode.Should().BeTrue($"GET inventory-items/{id}{query} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => fixture.EnsureAllRunningAsync();
}
