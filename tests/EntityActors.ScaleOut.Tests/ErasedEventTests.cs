using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>
/// Subscribers of an entity kind's topic hear of an erase, so they can forget the entity before a new one of the same id
/// starts again at sequence 1. Read straight off the Redis stream the sidecars publish to.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ErasedEventTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    [Fact]
    public async Task Erasing_an_entity_publishes_its_erase_with_its_last_sequence_and_a_new_one_of_the_id_starts_at_1_after_it()
    {
        using var client = fixture.Replicas[0].CreateAppClient();
        var id = ScaleOutFixture.UniqueId("erased");
        await EntityReads.ApplyAsync(client, "accounts", id, "open", new { owner = "Erin", currency = "EUR" });
        await EntityReads.ApplyAsync(client, "accounts", id, "deposit", new { amount = new { amount = 5m, currency = "EUR" } });
        using (var deleted = await client.DeleteAsync($"accounts/{id}"))
        {
            ((int)deleted.StatusCode).Should().Be(204, await deleted.Content.ReadAsStringAsync());
        }

        await EntityReads.ApplyAsync(client, "accounts", id, "open", new { owner = "Erin again", currency = "EUR" });

        var events = await EventsOfAsync(id, count: 4);
        output.WriteLine(string.Join(Environment.NewLine, events.Select(e => e.ToJsonString())));
        var erased = events.Single(e => e["type"]!.GetValue<string>() == "entityactors.accounts.erased");
        erased["subject"]!.GetValue<string>().Should().Be(id);
        erased["data"]!["sequence"]!.GetValue<long>().Should().Be(2, "the erased account took two signals");
        erased["data"]!["entityId"]!.GetValue<string>().Should().Be(id);
        var erasedAt = erased["time"]!.GetValue<DateTimeOffset>();
        var opens = events.Where(e => e["type"]!.GetValue<string>() == "entityactors.accounts.open").OrderBy(e => e["time"]!.GetValue<DateTimeOffset>()).ToList();
        opens.Should().HaveCount(2);
        opens[0]["time"]!.GetValue<DateTimeOffset>().Should().BeBefore(erasedAt, "the erased account's events are older than its erase");
        opens[1]["time"]!.GetValue<DateTimeOffset>().Should().BeAfter(erasedAt);
        opens[1]["data"]!["sequence"]!.GetValue<long>().Should().Be(1, "the new account under the id starts again");
    }

    /// <summary>The CloudEvents about <paramref name="id"/> on the accounts stream, once at least <paramref name="count"/> are there.</summary>
    private async Task<List<JsonObject>> EventsOfAsync(string id, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var events = (await StreamAsync("accounts")).Where(e => (string?)e["subject"] == id).ToList();
            if (events.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return events;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every entry of a Redis stream that holds a CloudEvent, read with redis-cli (the sidecar's redis pub/sub puts the event, one line of JSON, in field "data").</summary>
    private async Task<List<JsonObject>> StreamAsync(string stream)
    {
        var redis = fixture.Topology.Stores.Redis!;
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", redis.Port.ToString(CultureInfo.InvariantCulture), "--raw", "XRANGE", stream, "-", "+"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var text = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return [.. text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('{') && line.Contains("\"specversion\"", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
