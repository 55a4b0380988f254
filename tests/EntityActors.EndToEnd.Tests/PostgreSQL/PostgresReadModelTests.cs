using System.Diagnostics;
using System.Net;
using EntityActors.EndToEnd.Tests.ReadModel;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.PostgreSQL;

/// <summary>The read model on PostgreSQL, and retention driven by it, on the real runtime.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadModelTests(PostgresAppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EntityApiClient api = new(fixture.Environment.CreateAppClient());

    [Fact]
    public async Task Lists_filter_and_page_from_postgresql()
    {
        using (var status = await api.Http.GetAsync("admin/read-model"))
        {
            (await status.Content.ReadAsStringAsync()).Should().Contain("\"provider\":\"postgres\"");
        }

        var ids = new List<string>();
        string? lastSignal = null;
        foreach (var balance in new[] { 10, 20, 30, 40, 50 })
        {
            var id = DaprAppFixture.UniqueId($"pg-{balance}");
            await api.ApplyAsync("accounts", id, "open", new { owner = "Pia", currency = "EUR" });
            lastSignal = (await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(balance) }))["signalId"]!.GetValue<string>();
            ids.Add(id);
        }

        await api.ListUntilAsync("accounts", $"limit=100&after={lastSignal}&wait=10", p => ids.All(p.Ids().Contains) && p["items"]!.AsArray().All(i => i!["version"]!.GetValue<long>() == 2), TimeSpan.FromSeconds(20));
        var middle = await api.ListAsync("accounts", "minBalance=20&maxBalance=40&limit=2");
        var rest = await api.ListAsync("accounts", $"minBalance=20&maxBalance=40&limit=2&cursor={middle["nextCursor"]}");

        middle.Ids().Concat(rest.Ids()).Should().Equal(ids[3], ids[2], ids[1]);
        rest["nextCursor"].Should().BeNull();
    }

    [Fact]
    public async Task Ended_entities_are_purged_after_their_retention_and_live_ones_stay()
    {
        var closed = DaprAppFixture.UniqueId("pg-closed");
        var open = DaprAppFixture.UniqueId("pg-open");
        await api.ApplyAsync("accounts", open, "open", new { owner = "Otto", currency = "EUR" });
        await api.ApplyAsync("accounts", closed, "open", new { owner = "Cleo", currency = "EUR" });
        var close = await api.ApplyAsync("accounts", closed, "close");
        await api.ListAsync("accounts", $"after={close["signalId"]}&wait=10&limit=5");

        var clock = Stopwatch.StartNew();
        while (await api.GetAsync("accounts", closed) is not null && clock.Elapsed < PostgresAppFixture.Retention + TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
        }

        try
        {
            (await api.GetAsync("accounts", closed)).Should().BeNull("a closed account is purged once its retention has passed");
            clock.Elapsed.Should().BeGreaterThan(PostgresAppFixture.Retention - TimeSpan.FromSeconds(1), "not before");
            (await api.ListAsync("accounts", "status=closed&limit=200")).Ids().Should().NotContain(closed);
            (await api.GetAsync("accounts", open)).Should().NotBeNull("an open account is never purged");
            using var history = await api.Http.GetAsync($"accounts/{closed}/history");
            history.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        api.Http.Dispose();
        return Task.CompletedTask;
    }
}
