using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EntityActors.Browser.Tests;
/// <summary>
/// One explorer page (<c>/explorer/</c>) in headless Chromium, with the product API key on: the page's life, its
/// requests, and the steps explorer tests share (open, sign in, send a signal, arrange entities, screenshots).
/// </summary>
public abstract class ExplorerSession(ExplorerFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly float Bound = 45_000;
    private IPage? page;

    protected ExplorerFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    /// <summary>Prefixes this test's entity ids, so tests sharing the runtime never meet.</summary>
    protected string Prefix { get; } = "x" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Every URL the page asked for, in order.</summary>
    protected List<string> Requests { get; } = [];

    protected IPage Page => page!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(Bound);
        page = await fixture.Browser.NewPageAsync();
        Page.SetDefaultTimeout(Bound);
        Page.Request += (_, request) => Requests.Add(request.Url);
    }

    public async Task DisposeAsync() => await Page.CloseAsync();

    /// <summary>Runs a test; when it fails, keeps a screenshot, the Requests and the processes' Output.</summary>
    protected async Task RunAsync(string failureShot, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            await Shot(failureShot);
            Output.WriteLine(string.Join(Environment.NewLine, Requests));
            Fixture.DumpLogs(Output);
            throw;
        }
    }

    /// <summary>Opens the explorer at <paramref name="route"/> with the API key entered.</summary>
    protected async Task OpenAsync(string route)
    {
        await Page.GotoAsync($"explorer/{route}");
        await SignInAsync();
    }

    protected async Task SignInAsync()
    {
        await Page.GetByTestId("api-key").FillAsync(Fixture.ApiKey);
        await Page.GetByTestId("api-key-save").ClickAsync();
    }

    protected async Task SendAsync(string signal, string body)
    {
        await Page.GetByTestId("signal-name").SelectOptionAsync(signal);
        await Page.GetByTestId("signal-body").FillAsync(body);
        await Page.GetByTestId("signal-send").ClickAsync();
    }

    protected async Task ArrangeEntitiesAsync()
    {
        using var api = Fixture.CreateApiClient();
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-ann", "open", new { owner = "Ann", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-ann", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-bob", "open", new { owner = "Bob", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-bob", "deposit", new { amount = new { amount = 10, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-cy", "open", new { owner = "Cy", currency = "EUR" });
        await Arrange.ApplyAsync(api, "accounts", $"{Prefix}-cy", "deposit", new { amount = new { amount = 5000, currency = "EUR" } });
        await Arrange.ApplyAsync(api, "inventory-items", $"{Prefix}-apple", "restock", new { quantity = 100 });
        await Arrange.ApplyAsync(api, "carts", $"{Prefix}-cart", "add-item", new { sku = $"{Prefix}-apple", quantity = 2, unitPrice = new { amount = 900, currency = "EUR" } });
        // 1,800 EUR is over the approval threshold (1,000 by default): the saga waits for a decision.
        await Arrange.ApplyAsync(api, "carts", $"{Prefix}-cart", "check-out", new { accountId = $"{Prefix}-cy" });
        await Arrange.ListedAsync(api, "accounts", $"{Prefix}-ann", 2);
        await Arrange.ListedAsync(api, "accounts", $"{Prefix}-bob", 2);
    }

    protected async Task Shot(string name, bool alsoAsDocsImage = false)
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
