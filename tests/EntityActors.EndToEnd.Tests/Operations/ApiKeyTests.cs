using System.Net;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>The product API's own key (<c>EntityActors:Api:ApiKey</c>): required on the API, not on probes, OpenAPI or Dapr callbacks.</summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ApiKeyTests(SecuredAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Without_the_api_key_a_signal_is_refused_with_a_problem_and_never_reaches_the_entity()
    {
        var id = DaprAppFixture.UniqueId("no-key");
        using var app = fixture.Environment.CreateAppClient();

        using var refused = await Signals.SendAsync(app, "carts", id, "add-item", """{"sku":"apple","quantity":1,"unitPrice":{"amount":1,"currency":"EUR"}}""");
        using var read = await app.GetAsync($"carts/{id}");
        using var checkout = await app.GetAsync($"checkouts/{id}");

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("X-Api-Key");
        var problem = await Signals.ProblemAsync(refused);
        problem["code"]!.GetValue<string>().Should().Be("api-key-required");
        problem["status"]!.GetValue<int>().Should().Be(401);
        read.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        checkout.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var api = fixture.CreateApiClient();
        using var afterwards = await api.GetAsync($"carts/{id}");
        afterwards.StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused signal must not have created the cart");
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused()
    {
        using var app = fixture.Environment.CreateAppClient();
        app.DefaultRequestHeaders.Add("X-Api-Key", fixture.ApiKey[..^1]);

        using var refused = await app.GetAsync($"accounts/{DaprAppFixture.UniqueId("wrong-key")}");

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Signals.ProblemAsync(refused))["code"]!.GetValue<string>().Should().Be("invalid-api-key");
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("openapi/v1.json")]
    public async Task Probes_and_the_openapi_document_need_no_api_key(string path)
    {
        using var app = fixture.Environment.CreateAppClient();

        using var response = await app.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_api_key_the_api_answers()
    {
        var id = DaprAppFixture.UniqueId("with-key");
        try
        {
            using var api = fixture.CreateApiClient();

            var applied = await Signals.ApplyAsync(api, "carts", id, "add-item", """{"sku":"apple","quantity":2,"unitPrice":{"amount":1.5,"currency":"EUR"}}""");

            applied["version"]!.GetValue<long>().Should().Be(1);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }
}
