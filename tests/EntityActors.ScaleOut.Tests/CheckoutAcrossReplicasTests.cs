using System.Diagnostics;
using System.Text.Json.Nodes;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>The checkout saga over entities that live on three different replicas, one of which dies while it runs.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CheckoutAcrossReplicasTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const decimal Opening = 1_000m;

    [Fact]
    public async Task A_checkout_whose_account_replica_is_killed_mid_saga_completes_or_compensates_with_stock_and_balance_consistent()
    {
        try
        {
            using var any = fixture.Replicas[0].CreateAppClient();
            var (account, accountHost) = await CreateOnAsync(any, "AccountActor", "accounts", "buyer", "open", new { owner = "Buyer", currency = "EUR" }, avoid: []);
            await EntityReads.ApplyAsync(any, "accounts", account, "deposit", new { amount = new { amount = Opening, currency = "EUR" } });
            var (sku, itemHost) = await CreateOnAsync(any, "InventoryItemActor", "inventory-items", "sku", "restock", new { quantity = 10 }, avoid: [accountHost]);
            var (cart, cartHost) = await CreateOnAsync(any, "CartActor", "carts", "cart", "add-item",
                new { sku, quantity = 2, unitPrice = new { amount = 10m, currency = "EUR" } }, avoid: [accountHost, itemHost]);
            output.WriteLine($"account on replica {accountHost + 1}, item on replica {itemHost + 1}, cart on replica {cartHost + 1}");

            var checkedOut = await EntityReads.ApplyAsync(any, "carts", cart, "check-out", new { accountId = account });
            var checkoutId = checkedOut["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();
            await fixture.Replicas[accountHost].KillAsync();
            using var survivor = fixture.Replicas[itemHost].CreateAppClient();
            var checkout = await FinishedAsync(survivor, checkoutId, TimeSpan.FromSeconds(120));
            await fixture.Replicas[accountHost].StartAsync();

            var outcome = checkout["outcome"]!.GetValue<string>();
            output.WriteLine($"checkout {checkoutId}: {outcome}; steps {checkout["steps"]!.ToJsonString()}");
            var completed = outcome == "completed";
            var item = await EntityReads.GetAsync(survivor, "inventory-items", sku);
            var paid = await EntityReads.GetAsync(survivor, "accounts", account);
            var bought = await EntityReads.GetAsync(survivor, "carts", cart);
            outcome.Should().BeOneOf("completed", "failed");
            item["state"]!["onHand"]!.GetValue<int>().Should().Be(completed ? 8 : 10);
            item["state"]!["reserved"]!.GetValue<int>().Should().Be(0);
            paid["state"]!["balance"]!.GetValue<decimal>().Should().Be(completed ? Opening - 20m : Opening);
            paid["state"]!["held"]!.GetValue<decimal>().Should().Be(0);
            bought["state"]!["status"]!.GetValue<string>().Should().Be(completed ? "checked-out" : "open");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => fixture.EnsureAllRunningAsync();

    // The replica whose sidecar's count of that actor type grows by the entity's first signal is the one hosting it.
    private async Task<(string Id, int Host)> CreateOnAsync(HttpClient app, string actorType, string kind, string prefix, string signal, object body, int[] avoid)
    {
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var id = ScaleOutFixture.UniqueId(prefix);
            var before = await fixture.ActiveActorsAsync(actorType);
            await EntityReads.ApplyAsync(app, kind, id, signal, body);
            var after = await fixture.ActiveActorsAsync(actorType);
            var grown = Enumerable.Range(0, after.Length).Where(i => after[i] > before[i]).ToList();
            if (grown is [var host] && !avoid.Contains(host))
            {
                return (id, host);
            }
        }

        throw new InvalidOperationException($"No new {kind} landed on a replica other than {string.Join(", ", avoid.Select(i => i + 1))} in 12 tries.");
    }

    private static async Task<JsonObject> FinishedAsync(HttpClient replica, string checkoutId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await EntityReads.CheckoutAsync(replica, checkoutId) ?? last;
            }
            catch (HttpRequestException)
            {
                // The replica is between answers; ask again.
            }

            if (last?["outcome"] is not null)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Checkout {checkoutId} did not finish in {timeout}; last seen: {last?.ToJsonString()}");
    }
}
