using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EntityActors.Browser.Tests;

/// <summary>The interactive API docs (<c>/docs</c>) render from the app's own files, fetching nothing elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsPageTests(ExplorerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_docs_page_shows_the_signals_and_problem_codes_with_every_asset_served_by_the_app()
    {
        var page = await fixture.Browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        try
        {
            await page.GotoAsync("docs/");

            await Expect(page.GetByText("insufficient-funds").First).ToBeAttachedAsync(new() { Timeout = 60_000 });
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true })).ToBeAttachedAsync(new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ExplorerFixture.ScreenshotDirectory, "docs.png") });

            var app = fixture.Environment.AppBaseAddress.ToString();
            requests.Should().Contain(url => url.EndsWith("/docs/scalar.js", StringComparison.Ordinal)).And.Contain(url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
            requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
                .Should().OnlyContain(url => url.StartsWith(app, StringComparison.Ordinal), "no asset comes from a CDN");
        }
        catch
        {
            output.WriteLine(string.Join(Environment.NewLine, requests));
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
