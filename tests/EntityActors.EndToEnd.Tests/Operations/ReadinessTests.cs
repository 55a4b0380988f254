using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// <c>/readyz</c> on the real runtime, in an environment of its own (the sidecar is killed here): ready only with the
/// sidecar up, the workflow worker connected and the state store answering, and within a bound below the probes' timeout
/// when they hang; <c>/healthz</c> only says the process lives.
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ReadinessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

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

    [Fact]
    public async Task With_the_sidecar_frozen_both_endpoints_answer_before_the_probes_give_up_and_the_change_is_logged_once()
    {
        await using var operations = await OperationsEnvironment.StartAsync((binaries, log) => new() { DaprBinDirectory = binaries, Log = log });
        var environment = operations.Environment;
        try
        {
            using var app = environment.CreateAppClient();
            await WaitForStatusAsync(app, HttpStatusCode.OK);
            var replica = environment.Topology.Replicas.Single();
            var probes = new List<(TimeSpan Took, HttpStatusCode Status, JsonObject Body)>();
            var liveness = new List<(TimeSpan Took, HttpStatusCode Status)>();

            replica.Pause(app: false, sidecar: true);
            try
            {
                for (var probe = 0; probe < 4; probe++)
                {
                    var started = Stopwatch.StartNew();
                    var (status, body) = await ReadAsync(app, "readyz");
                    probes.Add((started.Elapsed, status, body));
                    started.Restart();
                    var (live, _) = await ReadAsync(app, "healthz");
                    liveness.Add((started.Elapsed, live));
                }
            }
            finally
            {
                replica.Resume();
            }

            await WaitForStatusAsync(app, HttpStatusCode.OK);
            foreach (var (took, status, body) in probes)
            {
                output.WriteLine($"/readyz {(int)status} in {took.TotalMilliseconds:0} ms: {body.ToJsonString()}");
            }

            output.WriteLine($"/healthz: {string.Join(", ", liveness.Select(answer => $"{(int)answer.Status} in {answer.Took.TotalMilliseconds:0} ms"))}");
            probes.Should().OnlyContain(answer => answer.Took < ProbeTimeout, "the kubelet's probes give up after 2 s");
            probes.Should().OnlyContain(answer => answer.Status == HttpStatusCode.ServiceUnavailable);
            var checks = probes[^1].Body["checks"]!;
            foreach (var frozen in new[] { "sidecar", "workflow-runtime", "state-store" })
            {
                (checks[frozen]!["status"]!.GetValue<string>(), checks[frozen]!["description"]!.GetValue<string>())
                    .Should().Be(("Unhealthy", "Did not answer within 1.5 s."), frozen);
            }

            checks["cluster-agreement"]!["status"]!.GetValue<string>().Should().Be("Healthy", "the checks that answered are in the answer too");
            checks["draining"]!["status"]!.GetValue<string>().Should().Be("Healthy");
            liveness.Should().OnlyContain(answer => answer.Status == HttpStatusCode.OK && answer.Took < TimeSpan.FromMilliseconds(900),
                "liveness never waits on a dependency (daprd's app health probe gives up after 900 ms)");

            var lines = operations.LogLines;
            lines.Count(line => line.Contains("Readiness turned Unhealthy", StringComparison.Ordinal)).Should().Be(1, "four failing probes are one change");
            lines.Should().Contain(line => line.Contains("Readiness is Healthy again", StringComparison.Ordinal));
            lines.Should().NotContain(line => line.Contains("with status Unhealthy completed after", StringComparison.Ordinal), "the framework's per-probe lines are off");
        }
        catch
        {
            operations.DumpLogs(output);
            throw;
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadAsync(HttpClient app, string path = "readyz")
    {
        using var response = await app.GetAsync(path);
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
