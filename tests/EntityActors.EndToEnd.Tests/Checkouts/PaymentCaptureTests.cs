using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>
/// The checkout's payment capture at a slow gateway stub, under the saga's heartbeat watchdog, on the real runtime. The
/// fixture makes the gateway take 1 s per line for carts named slowpay-*, hang the first request for line 2 of
/// hangpay-* and every request of stallpay-*; a capture silent for 5 s is stalled, and the saga tries twice.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class PaymentCaptureTests(DaprAppFixture fixture, ITestOutputHelper output) : EntityApiTest(fixture)
{
    private const decimal Opening = 1_000m;

    [Fact]
    public async Task A_capture_that_hangs_is_retried_by_the_watchdog_from_the_last_reported_line_and_charges_each_line_once()
    {
        var shop = await ShopAsync("hangpay", lines: 3);

        var checkout = await FinishedAsync(await CheckOutAsync(shop), TimeSpan.FromSeconds(60));

        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        checkout["steps"]!.AsArray().Select(step => step!["step"]!.GetValue<string>())
            .Should().Equal("holding-payment", "reserving-stock", "capturing-payment", "committing");
        checkout["payment"]!["attempts"]!.AsArray().Select(a => $"{a!["attempt"]} from {a["fromPart"]}: {a["endedBy"]}")
            .Should().Equal($"1 from 1: no heartbeat for {DaprAppFixture.PaymentHeartbeatTimeout:c}", "2 from 2: completed");
        var ledger = await LedgerAsync(shop, checkout);
        ledger.Select(entry => (entry.Requests, entry.Executions)).Should().Equal((1, 1), (2, 1), (1, 1));
        await ExpectAsync(shop, onHand: 9, balance: Opening - (shop.Skus.Count * 10m), cartStatus: "checked-out");
    }

    [Fact]
    public async Task A_capture_that_never_answers_is_given_up_voided_and_every_step_before_it_undone()
    {
        var shop = await ShopAsync("stallpay", lines: 2);

        var checkoutId = await CheckOutAsync(shop);
        await PollAsync(checkoutId, status => status["step"]!.GetValue<string>() == "capturing-payment", TimeSpan.FromSeconds(30));
        using var lateApproval = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        var checkout = await FinishedAsync(checkoutId, TimeSpan.FromSeconds(60));

        // A small order never waits for approval: a decision while it captures was answered 202 and ignored.
        lateApproval.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemAsync(lateApproval))["code"]!.GetValue<string>().Should().Be("checkout-not-awaiting-approval");

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("payment-stalled: attempt 2 of 2");
        checkout["payment"]!["attempts"]!.AsArray().Select(a => a!["endedBy"]!.GetValue<string>())
            .Should().AllSatisfy(endedBy => endedBy.Should().StartWith("no heartbeat"));
        checkout["compensations"]!.AsArray().Select(c => c!["signal"]!.GetValue<string>())
            .Should().Equal("void-capture", "release", "release", "release-hold");
        var ledger = await LedgerAsync(shop, checkout);
        ledger.Should().AllSatisfy(entry => (entry.Executions, entry.Voided).Should().Be((0, true), "nothing was charged, and no late capture can be"));
        await ExpectAsync(shop, onHand: 10, balance: Opening, cartStatus: "open");
    }

    [Fact]
    public async Task App_killed_during_a_long_capture_resumes_after_the_last_reported_line_and_charges_each_line_once()
    {
        var shop = await ShopAsync("slowpay", lines: 5);
        var checkoutId = await CheckOutAsync(shop);

        var before = await PollAsync(checkoutId, c => c["payment"]?["progress"]?.GetValue<int>() >= 2, TimeSpan.FromSeconds(60));
        await Fixture.Environment.KillAppAsync();
        var progressAtKill = before["payment"]!["progress"]!.GetValue<int>();
        await Fixture.Environment.RestartAppAsync();
        var checkout = await FinishedAsync(checkoutId, TimeSpan.FromSeconds(90));
        output.WriteLine($"killed at progress {progressAtKill}; attempts: {checkout["payment"]!["attempts"]!.ToJsonString()}");

        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        var ledger = await LedgerAsync(shop, checkout);
        ledger.Select(entry => entry.Executions).Should().AllBeEquivalentTo(1, "every line charged exactly once");
        ledger.Take(progressAtKill).Select(entry => entry.Requests).Should().AllBeEquivalentTo(1, "lines reported captured before the kill are never asked for again");
        await ExpectAsync(shop, onHand: 9, balance: Opening - (shop.Skus.Count * 10m), cartStatus: "checked-out");
    }

    private sealed record Shop(string CartId, string AccountId, IReadOnlyList<string> Skus);

    private sealed record LedgerEntry(string Key, int Requests, int Executions, bool Voided);

    /// <summary>A cart named <paramref name="cartPrefix"/>-… with one unit at 10 EUR of each of <paramref name="lines"/> items stocked with 10.</summary>
    private async Task<Shop> ShopAsync(string cartPrefix, int lines)
    {
        var cartId = DaprAppFixture.UniqueId(cartPrefix);
        var accountId = DaprAppFixture.UniqueId("payer");
        var skus = Enumerable.Range(0, lines).Select(i => DaprAppFixture.UniqueId($"sku-{i}")).ToList();
        await Api.ApplyAsync("accounts", accountId, "open", new { owner = "Payer", currency = "EUR" });
        await Api.ApplyAsync("accounts", accountId, "deposit", new { amount = Eur(Opening) });
        foreach (var sku in skus)
        {
            await Api.ApplyAsync("inventory-items", sku, "restock", new { quantity = 10 });
            await Api.ApplyAsync("carts", cartId, "add-item", new { sku, quantity = 1, unitPrice = Eur(10m) });
        }

        return new Shop(cartId, accountId, skus);
    }

    private async Task<string> CheckOutAsync(Shop shop)
    {
        var answer = await Api.ApplyAsync("carts", shop.CartId, "check-out", new { accountId = shop.AccountId });
        return answer["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();
    }

    private Task<JsonObject> FinishedAsync(string checkoutId, TimeSpan timeout) =>
        PollAsync(checkoutId, checkout => checkout["outcome"] is not null, timeout);

    private async Task<JsonObject> PollAsync(string checkoutId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await Api.Http.GetAsync($"checkouts/{checkoutId}");
                if (response.IsSuccessStatusCode)
                {
                    last = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]!.AsObject();
                    if (done(last))
                    {
                        return last;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The app is restarting.
            }

            await Task.Delay(50);
        }

        Fixture.DumpLogs(output);
        throw new TimeoutException($"Checkout {checkoutId} did not get there in {timeout}; last seen: {last?.ToJsonString()}");
    }

    /// <summary>The gateway stub's own records, read from the store through the sidecar: one per line, in line order.</summary>
    private async Task<List<LedgerEntry>> LedgerAsync(Shop shop, JsonObject checkout)
    {
        using var dapr = Fixture.Environment.CreateDaprClient();
        var entries = new List<LedgerEntry>();
        foreach (var sku in shop.Skus)
        {
            var key = Uri.EscapeDataString($"payment-gateway:{checkout["checkoutId"]!.GetValue<string>()}:capture:{sku}");
            using var response = await dapr.GetAsync($"v1.0/state/entitystore/{key}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"the gateway should have a record of {sku}");
            entries.Add((await response.Content.ReadFromJsonAsync<LedgerEntry>(Json))!);
        }

        return entries;
    }

    private async Task ExpectAsync(Shop shop, int onHand, decimal balance, string cartStatus)
    {
        foreach (var sku in shop.Skus)
        {
            var item = (await Api.GetAsync("inventory-items", sku))!;
            item["state"]!["onHand"]!.GetValue<int>().Should().Be(onHand, $"stock of {sku}");
            item["state"]!["reserved"]!.GetValue<int>().Should().Be(0, $"reservations of {sku}");
        }

        var account = (await Api.GetAsync("accounts", shop.AccountId))!;
        account["state"]!["balance"]!.GetValue<decimal>().Should().Be(balance);
        account["state"]!["held"]!.GetValue<decimal>().Should().Be(0m);
        (await Api.GetAsync("carts", shop.CartId))!["state"]!["status"]!.GetValue<string>().Should().Be(cartStatus);
    }
}
