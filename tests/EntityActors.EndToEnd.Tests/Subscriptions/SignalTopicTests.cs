using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntityActors.EndToEnd.Tests.Operations;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Subscriptions;

/// <summary>
/// Signals published to the <c>signals</c> topic through the real sidecar: keyed by the CloudEvent's source and id
/// together, never taken for a repeat of another message, and repeats of what earlier versions stored still repeats.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class SignalTopicTests(DaprAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Two_publishers_numbering_their_events_alike_both_have_their_signals_applied_and_a_redelivery_is_a_repeat()
    {
        var id = DaprAppFixture.UniqueId("topic-sources");
        await RunAsync(id, async (api, sidecar) =>
        {
            await PublishAsync(sidecar, CloudEvent("1", "shop-a", Deposit(id, 5m)));
            await PublishAsync(sidecar, CloudEvent("1", "shop-b", Deposit(id, 7m)));
            await WaitForSequenceAsync(api, id, 3);
            await PublishAsync(sidecar, CloudEvent("1", "shop-a", Deposit(id, 5m)));
            await PublishAsync(sidecar, CloudEvent("2", "shop-a", Deposit(id, 1m)));
            var account = await SettledAsync(api, id, 4);

            account["state"]!["balance"]!.GetValue<decimal>().Should().Be(13m, "5 from shop-a and 7 from shop-b, both event 1, then shop-a's event 2; shop-a's event 1 again is a repeat");
            account["sequence"]!.GetValue<long>().Should().Be(4);
        });
    }

    [Fact]
    public async Task A_message_stored_by_an_earlier_version_under_its_id_alone_is_still_a_repeat_when_redelivered()
    {
        var id = DaprAppFixture.UniqueId("topic-former");
        await RunAsync(id, async (api, sidecar) =>
        {
            // What a version keying by the id alone stored for CloudEvent 9: its key was "ce:9".
            await DepositAsync(api, id, "ce:9", 5m);

            await PublishAsync(sidecar, CloudEvent("9", "shop-a", Deposit(id, 5m)));
            await PublishAsync(sidecar, CloudEvent("9", "shop-b", Deposit(id, 6m)));
            var account = await SettledAsync(api, id, 3);

            account["state"]!["balance"]!.GetValue<decimal>().Should().Be(11m,
                "the redelivered 5 matches what was stored under its former key, so it is a repeat; another body once given the same id is a signal of its own");
        });
    }

    [Fact]
    public async Task A_message_reusing_a_key_for_another_body_is_dropped_with_a_warning_not_taken_for_a_repeat()
    {
        var id = DaprAppFixture.UniqueId("topic-reused");
        await RunAsync(id, async (api, sidecar) =>
        {
            await DepositAsync(api, id, "k-http", 1m);

            var reused = new JsonObject { ["kind"] = "accounts", ["id"] = id, ["signal"] = "deposit", ["idempotencyKey"] = "k-http", ["body"] = Amount(3m) };
            await PublishAsync(sidecar, CloudEvent("r-1", "shop-a", reused));
            await PublishAsync(sidecar, CloudEvent("r-2", "shop-a", Deposit(id, 2m)));
            var account = await SettledAsync(api, id, 3);

            account["state"]!["balance"]!.GetValue<decimal>().Should().Be(3m, "1 over HTTP and the marker's 2; the reused key's 3 is not applied");
            fixture.LogLines.Should().Contain(line => line.Contains("Key 'k-http' was first used for signal 'deposit' #", StringComparison.Ordinal) && line.Contains("with another body", StringComparison.Ordinal),
                "a dropped message is logged with its reason");
        });
    }

    private async Task RunAsync(string id, Func<HttpClient, HttpClient, Task> test)
    {
        try
        {
            using var api = fixture.Environment.CreateAppClient();
            using var sidecar = fixture.Environment.CreateDaprClient();
            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Topic","currency":"EUR"}""");
            await test(api, sidecar);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    /// <summary>A deposit over HTTP under <paramref name="key"/>, answered applied.</summary>
    private static async Task DepositAsync(HttpClient api, string id, string key, decimal amount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"accounts/{id}/signals/deposit") { Content = JsonContent.Create(Amount(amount)) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("Prefer", "wait=15");
        using var response = await api.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task PublishAsync(HttpClient sidecar, JsonObject cloudEvent)
    {
        using var published = await sidecar.PostAsync(
            "v1.0/publish/pubsub/signals", new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));
        published.StatusCode.Should().Be(HttpStatusCode.NoContent, await published.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the account has handled <paramref name="sequence"/> signals, then a little longer, and reads it.</summary>
    private static async Task<JsonObject> SettledAsync(HttpClient api, string id, long sequence)
    {
        await WaitForSequenceAsync(api, id, sequence);
        // Anything still on its way (a repeat taken for new, a dropped message) would land within this.
        await Task.Delay(Settle);
        return (await api.GetFromJsonAsync<JsonObject>($"accounts/{id}"))!;
    }

    private static async Task WaitForSequenceAsync(HttpClient api, string id, long sequence)
    {
        using var response = await api.GetAsync($"accounts/{id}?minSequence={sequence}&wait=15");
        var account = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        account["sequence"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(sequence, $"the topic's signals should reach accounts/{id}: {account}");
    }

    private static JsonObject CloudEvent(string eventId, string source, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = eventId,
        ["source"] = source,
        ["type"] = "com.example.signal",
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };

    private static JsonObject Deposit(string id, decimal amount) =>
        new() { ["kind"] = "accounts", ["id"] = id, ["signal"] = "deposit", ["body"] = Amount(amount) };

    private static JsonObject Amount(decimal amount) => new() { ["amount"] = new JsonObject { ["amount"] = amount, ["currency"] = "EUR" } };
}
