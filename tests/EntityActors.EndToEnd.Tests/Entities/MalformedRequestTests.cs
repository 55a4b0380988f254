using System.Net;
using System.Net.Sockets;
using System.Text;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>
/// Requests the framework refuses before an endpoint runs (a query number that does not bind, a body that arrives too
/// slowly) are problems with a stable code too, in the Development environment the run command uses.
/// </summary>
[Collection(DaprCollection.Name)]
public sealed class MalformedRequestTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Theory]
    [InlineData("minSequence=abc", "invalid-min-sequence")]
    [InlineData("minSequence=-1", "invalid-min-sequence")]
    [InlineData("minVersion=1.5", "invalid-min-version")]
    [InlineData("minVersion=99999999999999999999999", "invalid-min-version")]
    [InlineData("minSequence=1&wait=soon", "invalid-wait")]
    public async Task A_malformed_query_parameter_is_a_400_problem_with_its_code(string query, string code)
    {
        var id = DaprAppFixture.UniqueId("bad-query");

        using var response = await Api.Http.GetAsync($"accounts/{id}?{query}");

        ((int)response.StatusCode).Should().Be(400, await response.Content.ReadAsStringAsync());
        var problem = await ProblemAsync(response);
        problem["code"]!.GetValue<string>().Should().Be(code);
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("PUT", "accounts/{id}/signals/deposit", "POST")]
    [InlineData("GET", "accounts/{id}/signals/deposit", "POST")]
    [InlineData("POST", "accounts/{id}", "DELETE, GET")]
    [InlineData("PATCH", "checkouts/{id}/approve", "POST")]
    [InlineData("DELETE", "operations/{id}", "GET")]
    public async Task A_method_a_served_path_does_not_take_is_a_405_problem_naming_the_methods_it_does(string method, string path, string allow)
    {
        var id = DaprAppFixture.UniqueId("method");
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal))
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        using var response = await Api.Http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(405, await response.Content.ReadAsStringAsync());
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("method-not-allowed");
        (await Api.GetAsync("accounts", id)).Should().BeNull("a refused method changes nothing");
    }

    [Fact]
    public async Task HEAD_is_answered_wherever_GET_is_with_its_status_and_headers_and_no_body()
    {
        var id = DaprAppFixture.UniqueId("head");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Hal", currency = "EUR" });

        using var found = await Api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"accounts/{id}"));
        using var missing = await Api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"accounts/{id}-none"));
        using var signal = await Api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"accounts/{id}/signals/deposit"));

        found.StatusCode.Should().Be(HttpStatusCode.OK);
        found.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await found.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        ((int)signal.StatusCode).Should().Be(405, "a path served only to POST takes no HEAD");
        string.Join(", ", signal.Content.Headers.Allow).Should().Be("POST");
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_a_408_problem_and_changes_nothing()
    {
        var id = DaprAppFixture.UniqueId("slow-body");
        var body = Encoding.UTF8.GetBytes("""{"owner":"Slow","currency":"EUR"}""");
        var head = $"POST /accounts/{id}/signals/open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        var app = Fixture.Environment.AppBaseAddress;

        using var client = new TcpClient();
        await client.ConnectAsync(app.Host, app.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = await TrickleUntilAnsweredAsync(stream, body, TimeSpan.FromSeconds(1));

        answer.Should().StartWith("HTTP/1.1 408", answer);
        answer.Should().Contain("application/problem+json").And.Contain("\"code\":\"request-body-timeout\"");
        (await Api.GetAsync("accounts", id)).Should().BeNull("a body that never arrived must not create the entity");
    }

    /// <summary>Sends one byte per <paramref name="pause"/> (far below Kestrel's minimum rate) until the app answers.</summary>
    private static async Task<string> TrickleUntilAnsweredAsync(NetworkStream stream, byte[] body, TimeSpan pause)
    {
        var buffer = new byte[8192];
        var answer = new StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = stream.ReadAsync(buffer, deadline.Token).AsTask();
        for (var sent = 0; sent < body.Length && !reading.IsCompleted; sent++)
        {
            await stream.WriteAsync(body.AsMemory(sent, 1), deadline.Token);
            await Task.WhenAny(reading, Task.Delay(pause, deadline.Token));
        }

        var read = await reading;
        while (read > 0)
        {
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (answer.ToString().Contains("request-body-timeout", StringComparison.Ordinal))
            {
                break;
            }

            read = await stream.ReadAsync(buffer, deadline.Token);
        }

        return answer.ToString();
    }
}
