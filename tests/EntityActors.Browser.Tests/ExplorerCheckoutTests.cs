using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EntityActors.Browser.Tests;
/// <summary>The explorer's checkout page in headless Chromium: deciding, resolving, and what it shows of the saga.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerCheckoutTests(ExplorerFixture fixture, ITestOutputHelper output) : ExplorerSession(fixture, output)
{
    [Fact]
    public async Task An_operator_resolves_a_checkout_that_needs_attention()
    {
        try
        {
            await ArrangeCheckoutNeedingAttentionAsync();

            await Page.GotoAsync("explorer/#/accounts");
            await Page.GetByTestId("api-key").FillAsync(Fixture.ApiKey);
            await Page.GetByTestId("api-key-save").ClickAsync();
            await Page.GotoAsync($"explorer/#/carts/{Prefix}-cart2");
            await Page.GetByTestId("checkout-link").ClickAsync();
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("needs-attention");
            await Expect(Page.GetByTestId("resolution-form")).ToBeVisibleAsync();

            await Page.GetByTestId("resolution-comment").FillAsync("hold and reservation released by hand; no order");
            await Page.GetByTestId("resolve-open").ClickAsync();
            await Expect(Page.GetByTestId("checkout-resolution")).ToContainTextAsync("cart open, by explorer");
            await Expect(Page.GetByTestId("checkout-resolution")).ToContainTextAsync("no order");
            await Expect(Page.GetByTestId("resolution-form")).ToBeHiddenAsync();
            await Shot("explorer-resolution");

            using var api = Fixture.CreateApiClient();
            var cart = await api.GetFromJsonAsync<JsonObject>($"carts/{Prefix}-cart2");
            cart!["state"]!["status"]!.GetValue<string>().Should().Be("open", "the resolution reopened the cart");
        }
        catch
        {
            await Shot("explorer-resolution-failure");
            Output.WriteLine(string.Join(Environment.NewLine, Requests));
            Fixture.DumpLogs(Output);
            throw;
        }
    }

    [Fact]
    public async Task A_checkout_resolved_elsewhere_shows_its_resolution()
    {
        await RunAsync("explorer-resolved-elsewhere-failure", async () =>
        {
            var checkoutId = await ArrangeCheckoutNeedingAttentionAsync();
            await OpenAsync($"#/checkouts/{checkoutId}");
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("needs-attention");
            await Expect(Page.GetByTestId("resolution-form")).ToBeVisibleAsync();

            using var api = Fixture.CreateApiClient();
            using (var resolved = await api.PostAsJsonAsync($"checkouts/{checkoutId}/resolve", new { cart = "open", by = "another-operator" }))
            {
                resolved.IsSuccessStatusCode.Should().BeTrue(await resolved.Content.ReadAsStringAsync());
            }

            await Expect(Page.GetByTestId("checkout-resolution")).ToContainTextAsync("cart open, by another-operator");
            await Expect(Page.GetByTestId("resolution-form")).ToBeHiddenAsync();
        });
    }

    [Fact]
    public async Task An_unknown_checkout_cannot_be_decided_and_is_not_asked_for_again()
    {
        await RunAsync("explorer-unknown-checkout-failure", async () =>
        {
            var path = $"/checkouts/{Prefix}-nocart-checkout-1";
            await OpenAsync($"#{path}");
            await Expect(Page.GetByTestId("checkout-summary").GetByTestId("problem")).ToContainTextAsync("404");
            await Expect(Page.GetByTestId("approve")).ToBeDisabledAsync();
            await Expect(Page.GetByTestId("deny")).ToBeDisabledAsync();

            var asked = Requests.Count(url => url.EndsWith(path, StringComparison.Ordinal));
            await Page.WaitForTimeoutAsync(4_000);
            Requests.Count(url => url.EndsWith(path, StringComparison.Ordinal)).Should().Be(asked, "a checkout that is not there will not appear by asking");
        });
    }

    [Fact]
    public async Task A_denied_checkout_says_the_saga_compensates_and_fails()
    {
        await RunAsync("explorer-deny-failure", async () =>
        {
            await ArrangeEntitiesAsync();
            await OpenAsync($"#/carts/{Prefix}-cart");
            await Page.GetByTestId("checkout-link").ClickAsync();
            await Expect(Page.GetByTestId("checkout-step")).ToHaveTextAsync("awaiting-approval");

            await Page.GetByTestId("deny").ClickAsync();
            await Expect(Page.GetByTestId("decision-answer")).ToContainTextAsync(
                "202 Denied: the saga compensates (releases the payment hold and the stock reservation), the checkout fails and the cart is open again.");
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("failed");
            await Expect(Page.GetByTestId("compensation-row")).ToHaveCountAsync(2);
        });
    }

    /// <summary>A checkout whose hold and reservation a client released while it waited for approval: its commits are refused.</summary>
    private async Task<string> ArrangeCheckoutNeedingAttentionAsync()
    {
        using var api = Fixture.CreateApiClient();
        var checkoutId = $"{Prefix}-cart2-checkout-1";
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-dee", "open", new { owner = "Dee", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-dee", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "inventory-items", $"{Prefix}-pear", "restock", new { quantity = 100 });
        await Arrange.ApplyAsync(api, "carts", $"{Prefix}-cart2", "add-item", new { sku = $"{Prefix}-pear", quantity = 2, unitPrice = new { amount = 900, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "carts", $"{Prefix}-cart2", "check-out", new { accountId = $"{Prefix}-dee" });
        await Arrange.CheckoutAsync(api, checkoutId, "step", "awaiting-approval");
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-dee", "release-hold", new { holdId = checkoutId });
        await Arrange.ApplyAsync(api, "inventory-items", $"{Prefix}-pear", "release", new { reservationId = checkoutId });
        using (var approved = await api.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "arrange" }))
        {
            approved.IsSuccessStatusCode.Should().BeTrue(await approved.Content.ReadAsStringAsync());
        }

        await Arrange.CheckoutAsync(api, checkoutId, "outcome", "needs-attention");
        return checkoutId;
    }
}
