using System.Net;
using System.Text;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>
/// A request whose target or headers are over the limits is a problem like any other bad input (the server's own refusal
/// has an empty body, so the app takes the request first and refuses it), and changes nothing.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class OversizedRequestTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task A_target_over_the_limit_is_a_414_problem_and_sends_nothing()
    {
        var id = DaprAppFixture.UniqueId("long-target");
        var padding = new string('a', 9 * 1024);

        using var response = await Api.Http.PostAsync($"accounts/{id}/signals/open?padding={padding}",
            new StringContent("""{"owner":"Long","currency":"EUR"}""", Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(414, await response.Content.ReadAsStringAsync());
        var problem = await ProblemAsync(response);
        problem["code"]!.GetValue<string>().Should().Be("uri-too-long");
        problem["detail"]!.GetValue<string>().Should().Contain("MaxTargetBytes");
        (await Api.GetAsync("accounts", id)).Should().BeNull("a refused request opens nothing");
    }

    [Theory]
    [InlineData(1, 40 * 1024)]
    [InlineData(150, 8)]
    public async Task Headers_over_the_limit_are_a_431_problem_and_send_nothing(int headers, int bytesEach)
    {
        var id = DaprAppFixture.UniqueId("big-headers");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"accounts/{id}/signals/open")
        {
            Content = new StringContent("""{"owner":"Big","currency":"EUR"}""", Encoding.UTF8, "application/json"),
        };
        for (var i = 0; i < headers; i++)
        {
            request.Headers.Add($"X-Padding-{i}", new string('b', bytesEach));
        }

        using var response = await Api.Http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(431, await response.Content.ReadAsStringAsync());
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("headers-too-large");
        (await Api.GetAsync("accounts", id)).Should().BeNull("a refused request opens nothing");
    }

    [Fact]
    public async Task Far_over_the_limit_the_server_refuses_the_target_itself_as_documented()
    {
        var id = DaprAppFixture.UniqueId("huge-target");

        using var response = await Api.Http.GetAsync($"accounts/{id}?padding={new string('a', 40 * 1024)}");

        response.StatusCode.Should().Be(HttpStatusCode.RequestUriTooLong);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty("past the server's own limit (4 × 8 KiB) the app never sees the request");
    }
}
