using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>The checkout saga on the real runtime: it completes everywhere or is undone everywhere.</summary>
[Collection(DaprCollection.Name)]
public sealed class CheckoutSagaTests(DaprAppFixture fixture, ITestOutputHelper output) : CheckoutTest(fixture, output)
{
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
    public async Task Out_of_stock_on_one_of_three_lines_releases_the_other_two_reservations_and_the_hold()
    {
        var shop = await ShopAsync(stock: 5, lines: [("a", 2, 1m), ("b", 6, 1m), ("c", 1, 1m)]);

        var checkout = await CheckOutAndFinishAsync(shop);

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("out-of-stock");
        checkout["compensations"]!.AsArray().Select(c => $"{c!["signal"]} {c["entityId"]}")
            .Should().Equal([$"release {shop.Skus[2]}", $"release {shop.Skus[0]}", $"release-hold {shop.AccountId}"], "the refused line reserved nothing to release");
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
        checkout["compensations"]!.AsArray().Should().BeEmpty("the refused hold placed nothing, and no stock was reserved before it");
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
}
