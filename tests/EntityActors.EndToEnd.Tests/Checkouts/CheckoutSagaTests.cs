using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>The checkout saga on the real runtime: it completes everywhere or is undone everywhere.</summary>
[Collection(DaprCollection.Name)]
public sealed class CheckoutSagaTests(DaprAppFixture fixture, ITestOutputHelper output) : EntityApiTest(fixture)
{
    private const decimal Opening = 1_000m;

    [Fact]
    public async Task Happy_path_commits_stock_captures_payment_and_checks_the_cart_out()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 2, 10m), ("b", 1, 5m), ("c", 3, 1m)]);

        var checkout = await CheckOutAndFinishAsync(shop);

        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        checkout["compensations"]!.AsArray().Should().BeEmpty();
        checkout["steps"]!.AsArray().Select(step => step!["step"]!.GetValue<string>())
            .Should().Equal("holding-payment", "reserving-stock", "capturing-payment", "committing");
        await ExpectAsync(shop, onHand: [8, 9, 7], reserved: 0, balance: Opening - 28m, held: 0, cartStatus: "checked-out");
        Timing(checkout);
    }

    [Fact]
    public async Task Out_of_stock_on_one_of_three_lines_releases_the_other_reservations_and_the_hold()
    {
        var shop = await ShopAsync(stock: 5, lines: [("a", 2, 1m), ("b", 6, 1m), ("c", 1, 1m)]);

        var checkout = await CheckOutAndFinishAsync(shop);

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("out-of-stock");
        checkout["compensations"]!.AsArray().Select(c => $"{c!["signal"]} {c["entityId"]}")
            .Should().Equal($"release {shop.Skus[2]}", $"release {shop.Skus[1]}", $"release {shop.Skus[0]}", $"release-hold {shop.AccountId}");
        await ExpectAsync(shop, onHand: [5, 5, 5], reserved: 0, balance: Opening, held: 0, cartStatus: "open");
        Timing(checkout);
    }

    [Fact]
    public async Task Insufficient_funds_fails_before_any_stock_is_reserved()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 600m), ("b", 1, 600m)], opening: 500m);

        var checkout = await CheckOutAndFinishAsync(shop);

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("insufficient-funds");
        checkout["compensations"]!.AsArray().Select(c => c!["signal"]!.GetValue<string>())
            .Should().Equal("release-hold");
        await ExpectAsync(shop, onHand: [10, 10], reserved: 0, balance: 500m, held: 0, cartStatus: "open");
        Timing(checkout);
    }

    [Fact]
    public async Task A_large_order_waits_for_approval_and_completes_when_approved()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await CheckOutAsync(shop);

        await WaitForStepAsync(checkoutId, "awaiting-approval");
        using var approve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager", comment = "ok" });
        var checkout = await FinishedAsync(checkoutId);

        approve.StatusCode.Should().Be(HttpStatusCode.Accepted);
        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        await ExpectAsync(shop, onHand: [7], reserved: 0, balance: 500m, held: 0, cartStatus: "checked-out");
        Timing(checkout);
    }

    [Fact]
    public async Task Commits_refused_past_the_pivot_end_the_checkout_as_needing_attention_and_the_cart_is_not_checked_out()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        // While the checkout waits, a client releases what it holds: nothing is left for its commits to take.
        await Api.ApplyAsync("accounts", shop.AccountId, "release-hold", new { holdId = checkoutId });
        await Api.ApplyAsync("inventory-items", shop.Skus[0], "release", new { reservationId = checkoutId });
        using var approve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        var checkout = await FinishedAsync(checkoutId);

        approve.StatusCode.Should().Be(HttpStatusCode.Accepted);
        checkout["outcome"]!.GetValue<string>().Should().Be("needs-attention");
        checkout["reason"]!.GetValue<string>().Should().Be(
            $"commit-refused: inventory-items/{shop.Skus[0]}: reservation-not-found; accounts/{shop.AccountId}: hold-not-found");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 0, cartStatus: "checking-out");

        // An operator reconciles by hand, then tells the cart: here, the order does not stand.
        var answers = new List<(int Status, string? Code)>();
        foreach (var body in new object[]
        {
            new { cart = "shipped", by = "ops" },
            new { cart = "open", by = "ops", comment = "payment refunded by hand" },
            new { cart = "open", by = "ops", comment = "payment refunded by hand" },
            new { cart = "open", by = "ops", comment = "other words" },
            new { cart = "checked-out", by = "ops" },
        })
        {
            using var resolve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/resolve", body);
            var answer = await resolve.Content.ReadFromJsonAsync<JsonObject>();
            answers.Add(((int)resolve.StatusCode, answer?["code"]?.GetValue<string>() ?? (answer?["duplicate"]?.GetValue<bool>() == true ? "duplicate" : null)));
        }

        answers.Should().Equal((400, "invalid-resolution"), (200, null), (200, "duplicate"), (409, "checkout-already-resolved"), (409, "checkout-mismatch"));
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 0, cartStatus: "open");
    }

    [Fact]
    public async Task A_denial_whose_comment_is_longer_than_a_carts_reason_still_undoes_everything()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        var comment = new string('x', 900);
        using var deny = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/deny", new { by = "manager", comment });
        var checkout = await FinishedAsync(checkoutId);

        deny.StatusCode.Should().Be(HttpStatusCode.Accepted);
        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().Be($"approval-denied: by manager: {comment}", "the checkout keeps the whole reason");
        checkout["compensations"]!.AsArray().Select(c => c!["signal"]!.GetValue<string>()).Should().Equal("release", "release-hold");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 0, cartStatus: "open");
    }

    [Fact]
    public async Task A_bad_decision_and_the_sagas_own_cart_signals_from_a_client_change_nothing()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        var refused = new List<(string What, int Status, string? Code)>();
        async Task DecideAsync(string what, HttpContent content)
        {
            using var answer = await Api.Http.PostAsync($"checkouts/{checkoutId}/deny", content);
            refused.Add((what, (int)answer.StatusCode, (await answer.Content.ReadFromJsonAsync<JsonObject>())?["code"]?.GetValue<string>()));
        }

        await DecideAsync("text/plain", new StringContent("""{"by":"qa"}""", System.Text.Encoding.UTF8, "text/plain"));
        await DecideAsync("an unknown field", JsonContent.Create(new { by = "qa", bogus = 1 }));
        await DecideAsync("a field twice", new StringContent("""{"by":"qa","By":"dup"}""", System.Text.Encoding.UTF8, "application/json"));
        await DecideAsync("a by of 101 characters", JsonContent.Create(new { by = new string('b', 101) }));
        await DecideAsync("a comment of 1,001 characters", JsonContent.Create(new { comment = new string('c', 1_001) }));
        await DecideAsync("a body over the limit", JsonContent.Create(new { comment = new string('c', 20_000) }));
        foreach (var signal in new[] { "fail-checkout", "complete-checkout" })
        {
            using var answer = await Api.SignalAsync("carts", shop.CartId, signal, new { checkoutId, reason = "mine" }, waitSeconds: 5);
            refused.Add((signal, (int)answer.StatusCode, (await answer.Content.ReadFromJsonAsync<JsonObject>())?["code"]?.GetValue<string>()));
        }

        refused.Should().Equal(
            ("text/plain", 415, "unsupported-media-type"),
            ("an unknown field", 400, "invalid-decision"),
            ("a field twice", 400, "malformed-json"),
            ("a by of 101 characters", 400, "invalid-decision"),
            ("a comment of 1,001 characters", 400, "invalid-decision"),
            ("a body over the limit", 413, "body-too-large"),
            ("fail-checkout", 400, "unknown-signal"),
            ("complete-checkout", 400, "unknown-signal"));
        (await WaitForStepAsync(checkoutId, "awaiting-approval"))["outcome"].Should().BeNull();
        await ExpectAsync(shop, onHand: [10], reserved: 3, balance: 2_000m, held: 1_500m, cartStatus: "checking-out");

        using var approve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        (await FinishedAsync(checkoutId))["outcome"]!.GetValue<string>().Should().Be("completed");
        using var resolve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/resolve", new { cart = "open", by = "ops" });
        (await resolve.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("checkout-not-needing-attention");
        await ExpectAsync(shop, onHand: [7], reserved: 0, balance: 500m, held: 0, cartStatus: "checked-out");
    }

    [Fact]
    public async Task A_cart_checking_out_is_not_erased_and_an_erased_carts_id_checks_out_afresh()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        using (var refused = await Api.Http.DeleteAsync($"carts/{shop.CartId}"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("checkout-in-progress");
        }

        using var approve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        (await FinishedAsync(checkoutId))["outcome"]!.GetValue<string>().Should().Be("completed");
        using (var deleted = await Api.Http.DeleteAsync($"carts/{shop.CartId}"))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using (var gone = await Api.Http.GetAsync($"checkouts/{checkoutId}"))
        {
            gone.StatusCode.Should().Be(HttpStatusCode.NotFound, "a cart's checkouts go with it");
        }

        // A new cart of the same id: its first checkout must run and charge, not find the old one's instance or keys.
        await Api.ApplyAsync("carts", shop.CartId, "add-item", new { sku = shop.Skus[0], quantity = 1, unitPrice = Eur(10m) });
        var again = await CheckOutAsync(shop);
        var checkout = await FinishedAsync(again);

        again.Should().Be($"{shop.CartId}-checkout-2", "the new cart counts on from the erased one's checkouts, so no account or item takes its steps for the old one's");
        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        checkout["total"]!["amount"]!.GetValue<decimal>().Should().Be(10m);
        await ExpectAsync(shop, onHand: [6], reserved: 0, balance: 490m, held: 0, cartStatus: "checked-out");
    }

    [Fact]
    public async Task A_compensation_that_keeps_failing_ends_the_checkout_as_needing_attention_not_a_failed_workflow()
    {
        // The fixture makes every release-hold to a "stuck-" account fail, past the compensation's retries.
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m, accountPrefix: "stuck");
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        using var deny = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/deny", new { by = "manager" });
        var checkout = await FinishedAsync(checkoutId);

        checkout["outcome"]!.GetValue<string>().Should().Be("needs-attention");
        checkout["reason"]!.GetValue<string>().Should().StartWith($"compensation-failed: release-hold accounts/{shop.AccountId}: ");
        checkout["compensations"]!.AsArray().Select(c => c!["signal"]!.GetValue<string>()).Should().Equal("release");
        using (var status = await Api.Http.GetAsync($"checkouts/{checkoutId}"))
        {
            (await status.Content.ReadFromJsonAsync<JsonObject>())!["runtimeStatus"]!.GetValue<string>().Should().NotBe("Failed");
        }

        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 1_500m, cartStatus: "checking-out");
    }

    [Fact]
    public async Task An_approval_that_never_comes_escalates_then_rejects_and_undoes_everything()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 3, 500m)], opening: 2_000m);

        var checkout = await CheckOutAndFinishAsync(shop, TimeSpan.FromSeconds(60));

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("approval-timed-out");
        checkout["steps"]!.AsArray().Select(step => step!["step"]!.GetValue<string>())
            .Should().ContainInOrder("awaiting-approval", "approval-escalated", "compensating");
        checkout["compensations"]!.AsArray().Select(c => c!["signal"]!.GetValue<string>()).Should().Equal("release", "release-hold");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 0, cartStatus: "open");
        Timing(checkout);
    }

    [Fact]
    public async Task A_step_failing_transiently_twice_is_retried_and_applied_once()
    {
        // The fixture injects two transient failures into place-hold for accounts whose id starts with "flaky-".
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 50m)], accountPrefix: "flaky");

        var checkout = await CheckOutAndFinishAsync(shop);

        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        var account = await Api.GetAsync("accounts", shop.AccountId);
        account!["state"]!["balance"]!.GetValue<decimal>().Should().Be(Opening - 50m);
        account["version"]!.GetValue<long>().Should().Be(4, "open, deposit, one place-hold, one capture-hold: the retries added nothing");
        Timing(checkout);
    }

    [Fact]
    public async Task App_killed_mid_saga_and_restarted_finishes_it_and_every_entity_is_consistent()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 2, 400m), ("b", 1, 300m)], opening: 3_000m);
        var checkoutId = await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");

        await Fixture.Environment.KillAppAsync();
        await Fixture.Environment.RestartAppAsync();
        using var approve = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        var checkout = await FinishedAsync(checkoutId);

        approve.StatusCode.Should().Be(HttpStatusCode.Accepted);
        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
        var captured = 1_100m;
        await ExpectAsync(shop, onHand: [8, 9], reserved: 0, balance: 3_000m - captured, held: 0, cartStatus: "checked-out");
        Timing(checkout);
    }

    [Fact]
    public async Task A_repeated_check_out_signal_never_starts_a_second_saga()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 1m)]);
        var checkoutId = await CheckOutAsync(shop);

        using var again = await Api.SignalAsync("carts", shop.CartId, "check-out", new { accountId = shop.AccountId }, waitSeconds: 15);
        await FinishedAsync(checkoutId);
        using var list = await Api.Http.GetAsync($"carts/{shop.CartId}/checkouts");

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var checkouts = (await list.Content.ReadFromJsonAsync<JsonArray>())!;
        checkouts.Select(c => c!["checkout"]!["checkoutId"]!.GetValue<string>()).Should().Equal(checkoutId);
    }

    private sealed record Shop(string CartId, string AccountId, IReadOnlyList<string> Skus);

    private async Task<Shop> ShopAsync(int stock, (string Sku, int Quantity, decimal Price)[] lines, decimal opening = Opening, string accountPrefix = "buyer")
    {
        var cartId = DaprAppFixture.UniqueId("cart");
        var accountId = DaprAppFixture.UniqueId(accountPrefix);
        var skus = lines.Select(line => DaprAppFixture.UniqueId($"sku-{line.Sku}")).ToList();
        await Api.ApplyAsync("accounts", accountId, "open", new { owner = "Buyer", currency = "EUR" });
        await Api.ApplyAsync("accounts", accountId, "deposit", new { amount = Eur(opening) });
        for (var i = 0; i < lines.Length; i++)
        {
            await Api.ApplyAsync("inventory-items", skus[i], "restock", new { quantity = stock });
            await Api.ApplyAsync("carts", cartId, "add-item", new { sku = skus[i], quantity = lines[i].Quantity, unitPrice = Eur(lines[i].Price) });
        }

        return new Shop(cartId, accountId, skus);
    }

    private async Task<string> CheckOutAsync(Shop shop)
    {
        var answer = await Api.ApplyAsync("carts", shop.CartId, "check-out", new { accountId = shop.AccountId });
        return answer["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();
    }

    private async Task<JsonObject> CheckOutAndFinishAsync(Shop shop, TimeSpan? timeout = null) =>
        await FinishedAsync(await CheckOutAsync(shop), timeout);

    private Task<JsonObject> FinishedAsync(string checkoutId, TimeSpan? timeout = null) =>
        PollAsync(checkoutId, checkout => checkout["outcome"] is not null, timeout ?? TimeSpan.FromSeconds(45));

    private Task<JsonObject> WaitForStepAsync(string checkoutId, string step) =>
        PollAsync(checkoutId, checkout => checkout["step"]!.GetValue<string>() == step, TimeSpan.FromSeconds(30));

    private async Task<JsonObject> PollAsync(string checkoutId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
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

            await Task.Delay(50);
        }

        Fixture.DumpLogs(output);
        throw new TimeoutException($"Checkout {checkoutId} did not get there in {timeout}; last seen: {last?.ToJsonString()}");
    }

    private async Task ExpectAsync(Shop shop, int[] onHand, int reserved, decimal balance, decimal held, string cartStatus)
    {
        for (var i = 0; i < shop.Skus.Count; i++)
        {
            var item = (await Api.GetAsync("inventory-items", shop.Skus[i]))!;
            item["state"]!["onHand"]!.GetValue<int>().Should().Be(onHand[i], $"stock of {shop.Skus[i]}");
            item["state"]!["reserved"]!.GetValue<int>().Should().Be(reserved, $"reservations of {shop.Skus[i]}");
        }

        var account = (await Api.GetAsync("accounts", shop.AccountId))!;
        account["state"]!["balance"]!.GetValue<decimal>().Should().Be(balance);
        account["state"]!["held"]!.GetValue<decimal>().Should().Be(held);
        var cart = (await Api.GetAsync("carts", shop.CartId))!;
        cart["state"]!["status"]!.GetValue<string>().Should().Be(cartStatus);
    }

    private void Timing(JsonObject checkout) =>
        output.WriteLine($"checkout {checkout["checkoutId"]}: {checkout["outcome"]} — " + string.Join(", ",
            checkout["steps"]!.AsArray().Select(step => $"{step!["step"]} {step["milliseconds"]?.GetValue<double>():0} ms")));
}
