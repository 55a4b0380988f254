using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>
/// The checkout saga where it cannot simply complete or be undone: refused commits, a compensation that keeps failing,
/// an operator's resolution, bad decisions, the saga's own cart signals from a client, and erasing a cart that checked out.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class CheckoutAttentionTests(DaprAppFixture fixture, ITestOutputHelper output) : CheckoutTest(fixture, output)
{
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

        answers.Should().Equal((400, "invalid-resolution"), (200, null), (200, "duplicate"), (409, "checkout-already-resolved"), (409, "checkout-already-resolved"));
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 2_000m, held: 0, cartStatus: "open");
        var history = (await Api.Http.GetFromJsonAsync<JsonObject>($"carts/{shop.CartId}/history"))!;
        history["items"]!.AsArray().Select(entry => entry!["signal"]!.GetValue<string>())
            .Should().NotContain("complete-checkout", "a resolution against the first one is refused before anything reaches the cart");
        var resolved = (await Api.Http.GetFromJsonAsync<JsonObject>($"checkouts/{checkoutId}"))!;
        resolved["checkout"]!["outcome"]!.GetValue<string>().Should().Be("needs-attention", "the saga's own outcome stands");
        $"{resolved["resolution"]?["cart"]} by {resolved["resolution"]?["by"]}: {resolved["resolution"]?["comment"]}"
            .Should().Be("open by ops: payment refunded by hand", "the first resolution is shown, not a later repeat or refusal");
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
    public async Task A_client_that_took_a_sagas_key_first_does_not_stand_in_for_its_compensation()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 2, 600m)], opening: 5_000m);
        var checkoutId = $"{shop.CartId}-checkout-1";
        // The saga's keys are guessable: this client sends its compensation before it ever runs (refused: no such hold).
        using (var early = await Api.SignalAsync("accounts", shop.AccountId, "release-hold", new { holdId = checkoutId }, key: $"{checkoutId}:release-hold:{shop.AccountId}", waitSeconds: 15))
        {
            early.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        await CheckOutAsync(shop);
        await WaitForStepAsync(checkoutId, "awaiting-approval");
        using var deny = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/deny", new { by = "manager" });
        var checkout = await FinishedAsync(checkoutId);

        // Before, the saga's release was answered with the client's refusal: checkout failed and undone, 1,200 held for good.
        checkout["outcome"]!.GetValue<string>().Should().Be("needs-attention");
        checkout["reason"]!.GetValue<string>().Should().StartWith($"compensation-failed: release-hold accounts/{shop.AccountId}: ").And.Contain("first used by another sender");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: 5_000m, held: 1_200m, cartStatus: "checking-out");
    }

    [Fact]
    public async Task A_refused_step_is_not_undone_so_a_clients_hold_under_the_checkouts_id_stays()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 20m)]);
        var checkoutId = $"{shop.CartId}-checkout-1";
        await Api.ApplyAsync("accounts", shop.AccountId, "place-hold", new { holdId = checkoutId, amount = Eur(60m) });

        await CheckOutAsync(shop);
        var checkout = await FinishedAsync(checkoutId);

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().StartWith("hold-exists");
        checkout["compensations"]!.AsArray().Should().BeEmpty("the checkout placed nothing: its hold was refused before any stock was reserved");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: Opening, held: 60m, cartStatus: "open");
    }

    [Fact]
    public async Task A_checkout_whose_saga_has_not_started_yet_is_a_503_to_retry_not_a_404()
    {
        // The fixture starts the saga of a "slowstart-" cart 3 s after its check-out.
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 20m)], cartPrefix: "slowstart");
        var checkoutId = await CheckOutAsync(shop);

        using var early = await Api.Http.GetAsync($"checkouts/{checkoutId}");
        using var earlyDeny = await Api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/deny", new { by = "manager" });
        using var other = await Api.Http.GetAsync($"checkouts/{shop.CartId}-checkout-2");
        var checkout = await FinishedAsync(checkoutId);

        early.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the cart is checking out with it: it exists in a moment");
        (await ProblemAsync(early))["code"]!.GetValue<string>().Should().Be("checkout-starting");
        early.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        earlyDeny.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "no cart checks out with that one");
        checkout["outcome"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_checkout_against_an_account_that_does_not_exist_fails_and_leaves_no_account_behind()
    {
        var shop = await ShopAsync(stock: 10, lines: [("a", 1, 20m)]);
        var ghost = DaprAppFixture.UniqueId("ghost");

        await Api.ApplyAsync("carts", shop.CartId, "check-out", new { accountId = ghost });
        var checkout = await FinishedAsync($"{shop.CartId}-checkout-1");

        checkout["outcome"]!.GetValue<string>().Should().Be("failed");
        checkout["reason"]!.GetValue<string>().Should().Contain("entity-not-found");
        (await Api.GetAsync("accounts", ghost)).Should().BeNull("the saga's signal no longer makes an unopened account of a missing one");
        await ExpectAsync(shop, onHand: [10], reserved: 0, balance: Opening, held: 0, cartStatus: "open");
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
}
