using System.Diagnostics;
using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>The Prometheus scrape endpoint (<c>/metrics</c>, on by default): the product's meter, ASP.NET Core's and the runtime's.</summary>
[Collection(DaprCollection.Name)]
public sealed class PrometheusTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    private static readonly TimeSpan ScrapeBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_scrape_after_a_signal_shows_it_accepted_and_the_http_requests()
    {
        var id = DaprAppFixture.UniqueId("metrics");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Mia", currency = "EUR" });

        var (contentType, text) = await ScrapeUntilAsync(body => AcceptedAccounts(body) >= 1);

        contentType.Should().StartWith("text/plain").And.Contain("version=0.0.4");
        AcceptedAccounts(text).Should().BeGreaterThanOrEqualTo(1, text);
        text.Should().Contain("# TYPE entityactors_signals_accepted").And.Contain("http_server_request_duration_seconds_bucket")
            .And.Contain("# TYPE dotnet_gc_collections_total counter", "the runtime's meter (GC, thread pool, JIT) is served too")
            .And.Contain("# TYPE dotnet_jit_compilation_time_seconds_total counter");
    }

    private async Task<(string ContentType, string Text)> ScrapeUntilAsync(Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Api.Http.GetAsync("metrics");
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync();
            // The exporter serves a scrape from a short cache: the signal may show in the next one.
            if (done(text) || clock.Elapsed > ScrapeBound)
            {
                return (response.Content.Headers.ContentType!.ToString(), text);
            }

            await Task.Delay(500);
        }
    }

    private static double AcceptedAccounts(string text)
    {
        var scrape = PrometheusScrape.Parse(text);
        return new[] { "entityactors_signals_accepted", "entityactors_signals_accepted_total" }
            .Sum(metric => scrape.Sum(metric, series => series.Label("kind") == "accounts"));
    }
}
