using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// Dapr's token pair on the real runtime: <c>DAPR_API_TOKEN</c> guards the sidecar's API (the app's SDK clients must
/// send it), <c>APP_API_TOKEN</c> is what the sidecar sends to the app (the app must refuse Dapr callbacks without it).
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ApiTokenTests(SecuredAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Sidecar_refuses_a_call_without_the_dapr_api_token_and_answers_one_with_it()
    {
        using var bare = new HttpClient { BaseAddress = fixture.Environment.DaprHttpAddress };
        using var withToken = fixture.Environment.CreateDaprClient();

        using var refused = await bare.GetAsync("v1.0/metadata");
        using var refusedState = await bare.GetAsync("v1.0/state/statestore/anything");
        using var answered = await withToken.GetAsync("v1.0/metadata");

        output.WriteLine($"without token: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refusedState.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_both_tokens_set_a_signal_is_applied_end_to_end_so_every_dapr_client_of_the_app_sends_the_token()
    {
        var id = DaprAppFixture.UniqueId("tokens");
        try
        {
            using var api = fixture.CreateApiClient();

            // Actor proxy (HTTP), actor turn (state over gRPC, workflow schedule and raise), workflow worker (gRPC
            // stream), recording activity (state and publish), query (workflow state): each refused without the token.
            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Token","currency":"EUR"}""");
            var deposited = await Signals.ApplyAsync(api, "accounts", id, "deposit", """{"amount":{"amount":40,"currency":"EUR"}}""");
            var account = await api.GetFromJsonAsync<JsonObject>($"accounts/{id}");
            using var ready = await api.GetAsync("readyz");

            deposited["version"]!.GetValue<long>().Should().Be(2);
            account!["state"]!["balance"]!.GetValue<decimal>().Should().Be(40m);
            ready.StatusCode.Should().Be(HttpStatusCode.OK, "the health checks' sidecar client and state read send the token too: " + await ready.Content.ReadAsStringAsync());
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task A_signal_published_to_the_signals_topic_reaches_the_app_through_the_sidecar_with_the_app_token()
    {
        var id = DaprAppFixture.UniqueId("tokens-pubsub");
        try
        {
            using var sidecar = fixture.Environment.CreateDaprClient();
            using var api = fixture.CreateApiClient();
            var message = $$$"""{"kind":"inventory-items","id":"{{{id}}}","signal":"restock","idempotencyKey":"pub-1","body":{"quantity":7}}""";

            using var published = await sidecar.PostAsync(
                "v1.0/publish/pubsub/signals", new StringContent(message, Encoding.UTF8, "application/json"));
            var item = await WaitForEntityAsync(api, $"inventory-items/{id}");

            published.StatusCode.Should().Be(HttpStatusCode.NoContent);
            item["sequence"]!.GetValue<long>().Should().Be(1);
            item["version"]!.GetValue<long>().Should().Be(1);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Theory]
    [InlineData("GET", "dapr/config")]
    [InlineData("GET", "dapr/subscribe")]
    [InlineData("PUT", "actors/AccountActor/intruder/method/SubmitAsync")]
    [InlineData("DELETE", "actors/AccountActor/intruder")]
    [InlineData("POST", "subscriptions/signals")]
    public async Task App_refuses_a_dapr_callback_without_the_app_api_token(string method, string path)
    {
        using var app = fixture.Environment.CreateAppClient();
        using var missing = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBody() };
        using var wrong = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBody() };
        wrong.Headers.Add("dapr-api-token", fixture.AppApiToken + "x");

        using var withoutToken = await app.SendAsync(missing);
        using var withWrongToken = await app.SendAsync(wrong);

        withoutToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Signals.ProblemAsync(withoutToken))["code"]!.GetValue<string>().Should().Be("dapr-api-token-required");
        withWrongToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task App_answers_a_dapr_callback_with_the_app_api_token()
    {
        using var app = fixture.Environment.CreateAppClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/config");
        request.Headers.Add("dapr-api-token", fixture.AppApiToken);

        using var response = await app.SendAsync(request);
        var config = await response.Content.ReadFromJsonAsync<JsonObject>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        config!["entities"]!.AsArray().Select(entity => entity!.GetValue<string>())
            .Should().Contain(["CartActor", "AccountActor", "InventoryItemActor"]);
    }

    private static StringContent JsonBody() => new("{}", Encoding.UTF8, "application/json");

    /// <summary>Polls until the entity exists (a 404 until the delivery reached it) and has handled its first signal.</summary>
    private static async Task<JsonObject> WaitForEntityAsync(HttpClient api, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await api.GetAsync($"{path}?minSequence=1&wait=5");
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path}: {text}");
                return JsonNode.Parse(text)!.AsObject();
            }

            await Task.Delay(200);
        }
    }
}
