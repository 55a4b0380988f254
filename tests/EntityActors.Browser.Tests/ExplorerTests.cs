using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EntityActors.Browser.Tests;
/// <summary>The explorer's lists, entities and history in headless Chromium, with the product API key on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerTests(ExplorerFixture fixture, ITestOutputHelper output) : ExplorerSession(fixture, output)
{
    [Fact]
    public async Task An_operator_filters_a_list_opens_an_entity_signals_it_and_approves_a_checkout()
    {
        try
        {
            await ArrangeEntitiesAsync();

            await Page.GotoAsync("explorer/#/accounts");
            await Expect(Page.GetByTestId("problem-code")).ToHaveTextAsync("api-key-required");
            await Page.GetByTestId("api-key").FillAsync(Fixture.ApiKey);
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

            await Page.GotoAsync($"explorer/#/carts/{Prefix}-cart");
            await Page.GetByTestId("checkout-link").ClickAsync();
            await Expect(Page.GetByTestId("checkout-step")).ToHaveTextAsync("awaiting-approval");
            await Expect(Page.GetByTestId("checkout-step-row")).ToHaveCountAsync(3);
            await Page.GetByTestId("approve").ClickAsync();
            await Expect(Page.GetByTestId("decision-answer")).ToContainTextAsync("202 Approved");
            await Expect(Page.GetByTestId("checkout-outcome")).ToHaveTextAsync("completed");
            await Expect(Page.GetByTestId("approve")).ToBeDisabledAsync();
            await Shot("explorer-checkout");

            Requests.Should().OnlyContain(url => url.StartsWith(Fixture.Environment.AppBaseAddress.ToString(), StringComparison.Ordinal),
                "the explorer fetches nothing but the app's own files and API");
        }
        catch
        {
            await Shot("explorer-failure");
            Output.WriteLine(string.Join(Environment.NewLine, Requests));
            Fixture.DumpLogs(Output);
            throw;
        }
    }

    [Fact]
    public async Task History_keeps_the_older_signals_it_shows_when_newer_ones_arrive_and_marks_a_gap_it_can_load()
    {
        await RunAsync("explorer-history-failure", async () =>
        {
            using var api = Fixture.CreateApiClient();
            var id = $"{Prefix}-eve";
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

            Requests.Should().Contain(url => url.Contains("/accounts?", StringComparison.Ordinal) && url.Contains("limit=20", StringComparison.Ordinal),
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
            using var api = Fixture.CreateApiClient();
            await Arrange.ApplyAsync(api, "inventory-items", $"{Prefix}-fig", "restock", new { quantity = 3 });
            await Arrange.ListedAsync(api, "inventory-items", $"{Prefix}-fig", 1);
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
            await OpenAsync($"#/carts/{Prefix}-cart");
            var started = Page.GetByTestId("history-item").Filter(new() { HasText = "check-out" });

            await Expect(started).ToContainTextAsync($$$"""lines: [{"sku":"{{{Prefix}}}-apple","quantity":2,"unitPrice":{"amount":900,"currency":"EUR"},"lineTotal":{"amount":1800,"currency":"EUR"}}]""");
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

    private ILocator HistoryHeading => Page.GetByTestId("history").GetByRole(AriaRole.Heading);

    private async Task<long[]> ShownSequencesAsync() =>
        await Page.GetByTestId("history-item").EvaluateAllAsync<long[]>("items => items.map((item) => Number(item.dataset.sequence))");

    private static async Task DepositAsync(HttpClient api, string id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Arrange.ApplyAsync(api, "accounts", id, "deposit", new { amount = new { amount = 1, currency = "EUR" } });
        }
    }

    private ILocator Row(string name) => Page.Locator($"[data-testid=entity-row][data-id={Prefix}-{name}]");
}
