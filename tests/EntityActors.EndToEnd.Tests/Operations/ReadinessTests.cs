using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// <c>/readyz</c> on the real runtime, in an environment of its own (the sidecar is killed here): ready only with the
/// sidecar up, the workflow worker connected and the state store answering; <c>/healthz</c> only says the process lives.
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ReadinessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readyz_turns_503_when_the_sidecar_is_killed_and_200_again_once_it_is_back()
    {
        await using var operations = await OperationsEnvironment.StartAsync((binaries, log) => new() { DaprBinDirectory = binaries, Log = log });
        var environment = operations.Environment;
        try
        {
            using var app = environment.CreateAppClient();
            var ready = await ReadAsync(app);
            ready.Status.Should().Be(HttpStatusCode.OK);
            ready.Body["checks"]!["sidecar"]!["status"]!.GetValue<string>().Should().Be("Healthy");
            ready.Body["checks"]!["workflow-runtime"]!["data"]!["connectedWorkers"]!.GetValue<int>().Should().BeGreaterThan(0);
            ready.Body["checks"]!["state-store"]!["status"]!.GetValue<string>().Should().Be("Healthy");

            await environment.KillSidecarAsync();
            var down = await WaitForStatusAsync(app, HttpStatusCode.ServiceUnavailable);
            using var alive = await app.GetAsync("healthz");

            output.WriteLine(down.Body.ToJsonString());
            down.Body["status"]!.GetValue<string>().Should().Be("Unhealthy");
            foreach (var check in new[] { "sidecar", "workflow-runtime", "state-store" })
            {
                down.Body["checks"]![check]!["status"]!.GetValue<string>().Should().Be("Unhealthy", $"{check} cannot pass without the sidecar");
            }

            alive.StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine: liveness must not restart it");

            await environment.RestartSidecarAsync();
            var back = await WaitForStatusAsync(app, HttpStatusCode.OK);
            var id = DaprAppFixture.UniqueId("after-restart");
            var applied = await Signals.ApplyAsync(app, "accounts", id, "open", """{"owner":"Back","currency":"EUR"}""");

            back.Body["checks"]!["workflow-runtime"]!["data"]!["connectedWorkers"]!.GetValue<int>().Should().BeGreaterThan(0);
            applied["version"]!.GetValue<long>().Should().Be(1, "ready must mean the app takes signals again");
        }
        catch
        {
            operations.DumpLogs(output);
            throw;
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadAsync(HttpClient app)
    {
        using var response = await app.GetAsync("readyz");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> WaitForStatusAsync(HttpClient app, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (true)
        {
            var answer = await ReadAsync(app);
            if (answer.Status == expected)
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/readyz did not answer {(int)expected} within {SettleTimeout}; last: {(int)answer.Status} {answer.Body.ToJsonString()}");
            }

            await Task.Delay(200);
        }
    }
}
