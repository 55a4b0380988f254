using EntityActors.App.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Security;

public class AppApiTokenMiddlewareTests
{
    private const string Token = "app-token-123";

    [Theory]
    [InlineData("GET", "/dapr/config")]
    [InlineData("GET", "/dapr/subscribe")]
    [InlineData("PUT", "/actors/CartActor/carts-c1/method/SubmitAsync")]
    [InlineData("DELETE", "/actors/CartActor/carts-c1")]
    [InlineData("POST", "/subscriptions/signals")]
    [InlineData("POST", "/peers/writers/carts/c1/submit")]
    public async Task A_dapr_callback_without_the_token_is_refused_with_a_problem(string method, string path)
    {
        var (passedOn, status, problem) = await MiddlewareHarness.RunAsync(With(Token), method, path);

        passedOn.Should().BeFalse();
        status.Should().Be(StatusCodes.Status401Unauthorized);
        problem!.Value.GetProperty("code").GetString().Should().Be("dapr-api-token-required");
    }

    [Fact]
    public async Task A_dapr_callback_with_a_wrong_token_is_refused()
    {
        var (passedOn, status, _) = await MiddlewareHarness.RunAsync(
            With(Token), "GET", "/dapr/config", new Dictionary<string, string> { ["dapr-api-token"] = Token + "4" });

        passedOn.Should().BeFalse();
        status.Should().Be(StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task A_dapr_callback_with_the_token_passes() =>
        (await MiddlewareHarness.RunAsync(With(Token), "PUT", "/actors/CartActor/c1/method/SubmitAsync", new Dictionary<string, string> { ["dapr-api-token"] = Token }))
            .PassedOn.Should().BeTrue();

    [Theory]
    [InlineData("/carts/c1")]
    [InlineData("/healthz")]
    [InlineData("/actorsx/anything")]
    public async Task Other_paths_are_not_its_business(string path) =>
        (await MiddlewareHarness.RunAsync(With(Token), "GET", path)).PassedOn.Should().BeTrue();

    [Fact]
    public async Task Without_an_app_token_configured_callbacks_are_open() =>
        (await MiddlewareHarness.RunAsync(With(null), "GET", "/dapr/config")).PassedOn.Should().BeTrue();

    private static Func<RequestDelegate, Func<HttpContext, Task>> With(string? token)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["APP_API_TOKEN"] = token ?? string.Empty })
            .Build();
        return next => new AppApiTokenMiddleware(next, configuration, NullLogger<AppApiTokenMiddleware>.Instance).InvokeAsync;
    }
}
