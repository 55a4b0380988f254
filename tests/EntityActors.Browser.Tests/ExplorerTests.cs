using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EntityActors.Browser.Tests;

/// <summary>The explorer (<c>/explorer/</c>) in headless Chromium, with the product API key on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerTests(ExplorerFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly float Bound = 45_000;
    private readonly string prefix = "x" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> requests = [];
    private IPage? page;

    private IPage Page => page!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(Bound);
        page = await fixture.Browser.NewPageAsync();
        Page.SetDefaultTimeout(Bound);
        Page.Request += (_, request) => requests.Add(request.Url);
    }

    public async Task DisposeAsync() => await Page.CloseAsync();

    [Fact]
    public async Task An_operator_filters_a_list_opens_an_entity_signals_it_and_approves_a_checkout()
    {
        try
        {
            await ArrangeEntitiesAsync();

            await Page.GotoAsync("explorer/#/accounts");
            await Expect(Page.GetByTestId("problem-code")).ToHaveTextAsync("api-key-required");
            await Page.GetByTestId("api-key").FillAsync(fixture.ApiKey);
            await Page.GetByTestId("api-key-save").ClickAsync();

            await Expect(Row("bob")).ToBeVisibleAsync();
            await Page.GetByTestId("filter-minBalance").FillAsync("1000");
            await Page.GetByTestId("filter-apply").ClickAsync();
            await Expect(Row("ann")).ToBeVisibleAsync();
            await Expect(Row("bob")).ToHaveCountAsync(0);
            await Shot("explorer-list");

            await Row("ann").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(Page.GetByTestId("entity-version")).ToHaveTextAsync("2");
            await Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(2);

            await SendAsync("withdraw", """{ "amount": { "amount": 25, "currency": "EUR" } }""");
            await Expect(Page.GetByTestId("answer")).ToContainTextAsync("200 Applied: version 3");
            await Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(3);
            await Expect(Page.GetByTestId("entity-version")).ToHaveTextAsync("3");

            await SendAsync("withdraw", """{ "amount": { "amount": 999999, "currency": "EUR" } }""");
            await Expect(Page.GetByTestId("signal-answer").GetByTestId("problem-code")).ToHaveTextAsync("insufficient-funds");
            await Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(4);
            await Expect(Page.GetByTestId("history-item").First).ToContainTextAsync("insufficient-funds");
            await Shot("explorer-entity", alsoAsDocsImage: true);

            await Page.ReloadAsync();
            await Expect(Page.GetByTestId("entity-version")).ToHaveTextAsync("3", new() { Timeout = Bound });

            await Page.GotoAsync($"explorer/#/carts/{prefix}-cart");
            await Page.GetByTestId("checkout-link").ClickAsync();
            await Expect(Page.GetByTestId("checkout-step")).ToHaveTextAsync("awaiting-approval");
            await Expect(Page.GetByTestId("checkout-step-row")).ToHaveCountAsync(3);
            await Page.GetByTestId("approve").ClickAsync();
            await Expect(Page.GetByTestId("decision-answer")).ToContainTextAsync("202 Approved");
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("completed");
            await Expect(Page.GetByTestId("approve")).ToBeDisabledAsync();
            await Shot("explorer-checkout");

            requests.Should().OnlyContain(url => url.StartsWith(fixture.Environment.AppBaseAddress.ToString(), StringComparison.Ordinal),
                "the explorer fetches nothing but the app's own files and API");
        }
        catch
        {
            await Shot("explorer-failure");
            output.WriteLine(string.Join(Environment.NewLine, requests));
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task An_operator_resolves_a_checkout_that_needs_attention()
    {
        try
        {
            await ArrangeCheckoutNeedingAttentionAsync();

            await Page.GotoAsync("explorer/#/accounts");
            await Page.GetByTestId("api-key").FillAsync(fixture.ApiKey);
            await Page.GetByTestId("api-key-save").ClickAsync();
            await Page.GotoAsync($"explorer/#/carts/{prefix}-cart2");
            await Page.GetByTestId("checkout-link").ClickAsync();
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("needs-attention");
            await Expect(Page.GetByTestId("resolution-form")).ToBeVisibleAsync();

            await Page.GetByTestId("resolution-comment").FillAsync("hold and reservation released by hand; no order");
            await Page.GetByTestId("resolve-open").ClickAsync();
            await Expect(Page.GetByTestId("checkout-resolution")).ToContainTextAsync("cart open, by explorer");
            await Expect(Page.GetByTestId("checkout-resolution")).ToContainTextAsync("no order");
            await Expect(Page.GetByTestId("resolution-form")).ToBeHiddenAsync();
            await Shot("explorer-resolution");

            using var api = fixture.CreateApiClient();
            var cart = await api.GetFromJsonAsync<JsonObject>($"carts/{prefix}-cart2");
            cart!["state"]!["status"]!.GetValue<string>().Should().Be("open", "the resolution reopened the cart");
        }
        catch
        {
            await Shot("explorer-resolution-failure");
            output.WriteLine(string.Join(Environment.NewLine, requests));
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task History_keeps_the_older_signals_it_shows_when_newer_ones_arrive_and_marks_a_gap_it_can_load()
    {
        await RunAsync("explorer-history-failure", async () =>
        {
            using var api = fixture.CreateApiClient();
            var id = $"{prefix}-eve";
            await Arrange.ApplyAsync(api, "accounts", id, "open", new { owner = "Eve", currency = "EUR" });
            await DepositAsync(api, id, 44);
            await OpenAsync($"#/accounts/{id}");
            await Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(20);

            await Page.GetByTestId("history-older").ClickAsync();
            await Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(40);
            await DepositAsync(api, id, 20);

            await Expect(HistoryHeading).ToHaveTextAsync("History (60 shown)");
            (await ShownSequencesAsync()).Should().Equal(Enumerable.Range(6, 60).Reverse().Select(sequence => (long)sequence), "what was shown stays, below the new signals");

            // More signals than a page while no refresh is answered: the newest page no longer meets what is shown.
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Page.RouteAsync(new Regex("/history"), async route =>
            {
                await held.Task;
                await route.ContinueAsync();
            });
            await DepositAsync(api, id, 25);
            held.SetResult();
            await Page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });

            await Expect(HistoryHeading).ToHaveTextAsync("History (80 shown, 5 not loaded)");
            await Expect(Page.GetByTestId("history-gap")).ToContainTextAsync("#66–#70 not loaded (5 signals)");
            await Page.GetByTestId("history-gap-load").ClickAsync();
            await Expect(HistoryHeading).ToHaveTextAsync("History (85 shown)");
            await Expect(Page.GetByTestId("history-gap")).ToHaveCountAsync(0);
            (await ShownSequencesAsync()).Should().Equal(Enumerable.Range(6, 85).Reverse().Select(sequence => (long)sequence));
        });
    }

    [Fact]
    public async Task The_list_asks_for_the_page_size_its_field_shows()
    {
        await RunAsync("explorer-page-size-failure", async () =>
        {
            await OpenAsync("#/accounts");
            await Expect(Page.GetByTestId("filter-limit")).ToHaveValueAsync("20");
            await Expect(Page.GetByTestId("list-result").GetByText("read model position", new() { Exact = false })).ToBeVisibleAsync();

            requests.Should().Contain(url => url.Contains("/accounts?", StringComparison.Ordinal) && url.Contains("limit=20", StringComparison.Ordinal),
                "the server's default page size is not the one the field shows");
        });
    }

    [Fact]
    public async Task Filtering_without_edits_keeps_the_query_the_form_cannot_show()
    {
        await RunAsync("explorer-filter-failure", async () =>
        {
            await OpenAsync("#/carts?status=checked-out,expired&changedAfter=2024-01-02T03:04:05.678Z&changedBefore=2099-01-02T03:04:05.1234567Z");
            await Expect(Page.GetByTestId("filter-status")).ToHaveValueAsync("checked-out,expired");

            await Page.GetByTestId("filter-apply").ClickAsync();
            await Page.WaitForFunctionAsync("() => location.hash.includes('limit=')");

            var query = await Page.EvaluateAsync<Dictionary<string, string>>("() => Object.fromEntries(new URLSearchParams(location.hash.split('?')[1]))");
            query.Should().Contain(new Dictionary<string, string>
            {
                ["status"] = "checked-out,expired",
                ["changedAfter"] = "2024-01-02T03:04:05.678Z",
                ["changedBefore"] = "2099-01-02T03:04:05.1234567Z",
            });
            await Expect(Page.GetByTestId("list-result").GetByTestId("problem")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task An_inventory_item_shows_the_status_its_list_shows()
    {
        await RunAsync("explorer-inventory-failure", async () =>
        {
            using var api = fixture.CreateApiClient();
            await Arrange.ApplyAsync(api, "inventory-items", $"{prefix}-fig", "restock", new { quantity = 3 });
            await Arrange.ListedAsync(api, "inventory-items", $"{prefix}-fig", 1);
            await OpenAsync("#/inventory-items");
            await Expect(Row("fig").Locator(".badge")).ToHaveTextAsync("in-stock");

            await Row("fig").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(Page.GetByTestId("entity-status")).ToHaveTextAsync("in-stock");
        });
    }

    [Fact]
    public async Task Nested_event_fields_read_as_json()
    {
        await RunAsync("explorer-events-failure", async () =>
        {
            await ArrangeEntitiesAsync();
            await OpenAsync($"#/carts/{prefix}-cart");
            var started = Page.GetByTestId("history-item").Filter(new() { HasText = "check-out" });

            await Expect(started).ToContainTextAsync($$$"""lines: [{"sku":"{{{prefix}}}-apple","quantity":2,"unitPrice":{"amount":900,"currency":"EUR"},"lineTotal":{"amount":1800,"currency":"EUR"}}]""");
            await Expect(started).ToContainTextAsync("total: 1800 EUR");
            await Expect(Page.GetByTestId("history")).Not.ToContainTextAsync("[object Object]");
        });
    }

    [Fact]
    public async Task A_failed_fetch_of_the_api_document_is_asked_again()
    {
        await RunAsync("explorer-document-failure", async () =>
        {
            var asked = 0;
            await Page.RouteAsync("**/openapi/v1.json", async route =>
            {
                if (Interlocked.Increment(ref asked) == 1)
                {
                    await route.FulfillAsync(new() { Status = 503, Body = "down for a moment" });
                }
                else
                {
                    await route.ContinueAsync();
                }
            });

            await Page.GotoAsync("explorer/#/accounts");
            await Expect(Page.GetByTestId("problem")).ToContainTextAsync("answered 503");
            await SignInAsync();

            await Expect(Page.GetByTestId("filters")).ToBeVisibleAsync();
            asked.Should().Be(2);
        });
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

            using var api = fixture.CreateApiClient();
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
            var path = $"/checkouts/{prefix}-nocart-checkout-1";
            await OpenAsync($"#{path}");
            await Expect(Page.GetByTestId("checkout-summary").GetByTestId("problem")).ToContainTextAsync("404");
            await Expect(Page.GetByTestId("approve")).ToBeDisabledAsync();
            await Expect(Page.GetByTestId("deny")).ToBeDisabledAsync();

            var asked = requests.Count(url => url.EndsWith(path, StringComparison.Ordinal));
            await Page.WaitForTimeoutAsync(4_000);
            requests.Count(url => url.EndsWith(path, StringComparison.Ordinal)).Should().Be(asked, "a checkout that is not there will not appear by asking");
        });
    }

    [Fact]
    public async Task A_denied_checkout_says_the_saga_compensates_and_fails()
    {
        await RunAsync("explorer-deny-failure", async () =>
        {
            await ArrangeEntitiesAsync();
            await OpenAsync($"#/carts/{prefix}-cart");
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
        using var api = fixture.CreateApiClient();
        var checkoutId = $"{prefix}-cart2-checkout-1";
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-dee", "open", new { owner = "Dee", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-dee", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "inventory-items", $"{prefix}-pear", "restock", new { quantity = 100 });
        await Arrange.ApplyAsync(api, "carts", $"{prefix}-cart2", "add-item", new { sku = $"{prefix}-pear", quantity = 2, unitPrice = new { amount = 900, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "carts", $"{prefix}-cart2", "check-out", new { accountId = $"{prefix}-dee" });
        await Arrange.CheckoutAsync(api, checkoutId, "step", "awaiting-approval");
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-dee", "release-hold", new { holdId = checkoutId });
        await Arrange.ApplyAsync(api, "inventory-items", $"{prefix}-pear", "release", new { reservationId = checkoutId });
        using (var approved = await api.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "arrange" }))
        {
            approved.IsSuccessStatusCode.Should().BeTrue(await approved.Content.ReadAsStringAsync());
        }

        await Arrange.CheckoutAsync(api, checkoutId, "outcome", "needs-attention");
        return checkoutId;
    }

    private ILocator HistoryHeading => Page.GetByTestId("history").GetByRole(AriaRole.Heading);

    /// <summary>Runs a test; when it fails, keeps a screenshot, the requests and the processes' output.</summary>
    private async Task RunAsync(string failureShot, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            await Shot(failureShot);
            output.WriteLine(string.Join(Environment.NewLine, requests));
            fixture.DumpLogs(output);
            throw;
        }
    }

    /// <summary>Opens the explorer at <paramref name="route"/> with the API key entered.</summary>
    private async Task OpenAsync(string route)
    {
        await Page.GotoAsync($"explorer/{route}");
        await SignInAsync();
    }

    private async Task SignInAsync()
    {
        await Page.GetByTestId("api-key").FillAsync(fixture.ApiKey);
        await Page.GetByTestId("api-key-save").ClickAsync();
    }

    private async Task<long[]> ShownSequencesAsync() =>
        await Page.GetByTestId("history-item").EvaluateAllAsync<long[]>("items => items.map((item) => Number(item.dataset.sequence))");

    private static async Task DepositAsync(HttpClient api, string id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Arrange.ApplyAsync(api, "accounts", id, "deposit", new { amount = new { amount = 1, currency = "EUR" } });
        }
    }

    private ILocator Row(string name) => Page.Locator($"[data-testid=entity-row][data-id={prefix}-{name}]");

    private async Task SendAsync(string signal, string body)
    {
        await Page.GetByTestId("signal-name").SelectOptionAsync(signal);
        await Page.GetByTestId("signal-body").FillAsync(body);
        await Page.GetByTestId("signal-send").ClickAsync();
    }

    private async Task ArrangeEntitiesAsync()
    {
        using var api = fixture.CreateApiClient();
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-ann", "open", new { owner = "Ann", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-ann", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-bob", "open", new { owner = "Bob", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-bob", "deposit", new { amount = new { amount = 10, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-cy", "open", new { owner = "Cy", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{prefix}-cy", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "inventory-items", $"{prefix}-apple", "restock", new { quantity = 100 });
        await Arrange.ApplyAsync(api, "carts", $"{prefix}-cart", "add-item", new { sku = $"{prefix}-apple", quantity = 2, unitPrice = new { amount = 900, currency = "EUR" } });
        // 1,800 EUR is over the approval threshold (1,000 by default): the saga waits for a decision.
        await Arrange.ApplyAsync(api, "carts", $"{prefix}-cart", "check-out", new { accountId = $"{prefix}-cy" });
        await Arrange.ListedAsync(api, "accounts", $"{prefix}-ann", 2);
        await Arrange.ListedAsync(api, "accounts", $"{prefix}-bob", 2);
    }

    private async Task Shot(string name, bool alsoAsDocsImage = false)
    {
        var path = Path.Combine(ExplorerFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        // The README's picture is refreshed on request only, so an ordinary run leaves the checkout unchanged.
        if (alsoAsDocsImage && Environment.GetEnvironmentVariable("ENTITYACTORS_UPDATE_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(path, Path.Combine(RepositoryRoot(), "docs", "explorer.png"), overwrite: true);
        }
    }

    private static string RepositoryRoot() => EntityActors.LocalRuntime.RepositoryRoot.Find();
}
