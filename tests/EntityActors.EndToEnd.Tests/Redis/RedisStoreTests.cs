using System.Net;
using System.Text.Json.Nodes;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Redis;

/// <summary>
/// Exactly once on Redis, the store the Kubernetes manifests use. Redis applies a transaction's other writes when a
/// first-write in it finds its key, so the app must read idempotency keys before it writes them there.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStoreTests(RedisAppFixture fixture) : IAsyncLifetime
{
    private readonly EntityApiClient api = new(fixture.Environment.CreateAppClient());

    [Fact]
    public async Task On_Redis_keys_are_read_before_they_are_written_and_a_repeated_key_changes_nothing()
    {
        var id = DaprAppFixture.UniqueId("redis-dup");
        await api.ApplyAsync("accounts", id, "open", new { owner = "Red", currency = "EUR" });
        var first = await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(10) }, key: "deposit-once");

        using var again = await api.SignalAsync("accounts", id, "deposit", new { amount = Eur(10) }, key: "deposit-once", waitSeconds: 15);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var replayed = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        replayed["signalId"]!.GetValue<string>().Should().Be(first["signalId"]!.GetValue<string>());
        replayed["duplicate"]!.GetValue<bool>().Should().BeTrue();
        var account = await api.GetAsync("accounts", id);
        account!["state"]!["balance"]!.GetValue<decimal>().Should().Be(10);
        account["sequence"]!.GetValue<long>().Should().Be(2);
        fixture.LogLines.Should().Contain(
            line => line.Contains("refuses a blind insert of an existing key atomically: False", StringComparison.Ordinal),
            "Redis overwrites an existing key inside a transaction even when asked for first-write");
    }

    [Fact]
    public async Task Concurrent_signals_and_their_retries_on_Redis_are_each_applied_once_across_continue_as_new()
    {
        var id = DaprAppFixture.UniqueId("redis-many");
        await api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "first");
        const int Signals = 150;

        // Eight senders; every signal is sent twice with its key, as a client retrying a lost answer would.
        await Parallel.ForEachAsync(Enumerable.Range(1, Signals), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, cancellationToken) =>
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var response = await api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: $"restock-{n}", cancellationToken: cancellationToken);
                response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            }
        });

        var item = await api.GetAsync("inventory-items", id, minSequence: Signals + 1, waitSeconds: 60);
        item!["sequence"]!.GetValue<long>().Should().Be(Signals + 1);
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(Signals + 1);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        api.Http.Dispose();
        return Task.CompletedTask;
    }
}
