using EntityActors.App.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Security;

public class ApiKeyMiddlewareTests
{
    private const string Key = "product-key";

    [Theory]
    [InlineData("POST", "/accounts/a1/signals/deposit")]
    [InlineData("GET", "/carts/c1")]
    [InlineData("POST", "/checkouts/k1/approve")]
    [InlineData("GET", "/no/such/route")]
    public async Task Api_calls_without_the_key_are_refused_with_a_problem(string method, string path)
    {
        var (passedOn, status, problem) = await MiddlewareHarness.RunAsync(With(Key), method, path);

        passedOn.Should().BeFalse();
        status.Should().Be(StatusCodes.Status401Unauthorized);
        problem!.Value.GetProperty("code").GetString().Should().Be("api-key-required");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_as_invalid()
    {
        var (passedOn, status, problem) = await MiddlewareHarness.RunAsync(
            With(Key), "GET", "/carts/c1", new Dictionary<string, string> { ["X-Api-Key"] = "product-kez" });

        passedOn.Should().BeFalse();
        status.Should().Be(StatusCodes.Status401Unauthorized);
        problem!.Value.GetProperty("code").GetString().Should().Be("invalid-api-key");
    }

    [Fact]
    public async Task The_right_key_passes() =>
        (await MiddlewareHarness.RunAsync(With(Key), "GET", "/carts/c1", new Dictionary<string, string> { ["X-Api-Key"] = Key }))
            .PassedOn.Should().BeTrue();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    [InlineData("/docs/scalar.js")]
    [InlineData("/explorer/")]
    [InlineData("/explorer/app.js")]
    [InlineData("/metrics")]
    [InlineData("/dapr/config")]
    [InlineData("/actors/CartActor/c1/method/SubmitAsync")]
    [InlineData("/subscriptions/signals")]
    [InlineData("/peers/writers/carts/c1/submit")]
    public async Task Probes_pages_without_data_metrics_and_dapr_callbacks_need_no_key(string path) =>
        (await MiddlewareHarness.RunAsync(With(Key), "GET", path)).PassedOn.Should().BeTrue();

    [Theory]
    [InlineData("/docsx")]
    [InlineData("/explorers/c1")]
    [InlineData("/metrics-and-more")]
    public async Task A_path_that_only_begins_like_a_public_page_needs_the_key(string path) =>
        (await MiddlewareHarness.RunAsync(With(Key), "GET", path)).PassedOn.Should().BeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Without_a_key_configured_the_api_is_open(string? key) =>
        (await MiddlewareHarness.RunAsync(With(key), "GET", "/carts/c1")).PassedOn.Should().BeTrue();

    private static Func<RequestDelegate, Func<HttpContext, Task>> With(string? key) =>
        next => new ApiKeyMiddleware(next, Options.Create(new ApiOptions { ApiKey = key }), NullLogger<ApiKeyMiddleware>.Instance).InvokeAsync;
}
