using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests;

[Collection(DaprCollection.Name)]
public sealed class RuntimeSmokeTests(DaprAppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    // Another test that killed a process and failed before restarting it must not fail these too.
    public Task InitializeAsync() => fixture.Environment.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Runtime_starts_and_the_sidecar_reports_the_app_id_and_both_components()
    {
        try
        {
            using var sidecar = fixture.Environment.CreateDaprClient();

            var metadata = await sidecar.GetFromJsonAsync<SidecarMetadata>("v1.0/metadata");

            metadata.Should().NotBeNull();
            metadata!.Id.Should().Be("entityactors");
            metadata.Components.Should().ContainEquivalentOf(new SidecarComponent("statestore", "state.sqlite"));
            metadata.Components.Select(component => component.Name).Should().Contain("pubsub");
            metadata.ActorRuntime.Placement.Should().Be("placement: connected");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task Liveness_reports_the_workflow_worker_the_sidecar_counts_as_connected()
    {
        try
        {
            using var app = fixture.Environment.CreateAppClient();
            JsonElement check = default;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var health = await app.GetAsync("healthz");
                health.StatusCode.Should().Be(HttpStatusCode.OK);
                var body = await health.Content.ReadFromJsonAsync<JsonElement>();
                check = body.GetProperty("checks").GetProperty("workflow-worker");
                if (check.GetProperty("data").GetProperty("connectedWorkers").GetInt32() > 0)
                {
                    break;
                }

                await Task.Delay(100);
            }

            check.GetProperty("status").GetString().Should().Be("Healthy");
            check.GetProperty("data").GetProperty("connectedWorkers").GetInt32().Should().BeGreaterThan(0, "read from the real sidecar's metadata");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task App_killed_with_sigkill_comes_back_on_the_same_port()
    {
        try
        {
            var environment = fixture.Environment;
            var portBefore = environment.AppPort;
            using var app = environment.CreateAppClient();

            await environment.KillAppAsync();
            var whileKilled = () => app.GetAsync("healthz");
            await whileKilled.Should().ThrowAsync<HttpRequestException>("nothing listens on the app port after SIGKILL");

            await environment.RestartAppAsync();
            using var response = await app.GetAsync("healthz");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            environment.AppPort.Should().Be(portBefore);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task Sidecar_killed_with_sigkill_comes_back_on_the_same_ports_and_reconnects_to_placement()
    {
        try
        {
            var environment = fixture.Environment;
            var portsBefore = (environment.DaprHttpPort, environment.DaprGrpcPort);
            using var sidecar = environment.CreateDaprClient();

            await environment.KillSidecarAsync();
            var whileKilled = () => sidecar.GetAsync("v1.0/healthz");
            await whileKilled.Should().ThrowAsync<HttpRequestException>("nothing listens on the sidecar port after SIGKILL");

            await environment.RestartSidecarAsync();
            var metadata = await sidecar.GetFromJsonAsync<SidecarMetadata>("v1.0/metadata");

            metadata!.ActorRuntime.Placement.Should().Be("placement: connected");
            (environment.DaprHttpPort, environment.DaprGrpcPort).Should().Be(portsBefore);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task App_and_sidecar_both_killed_come_back_when_the_sidecar_is_restarted_first()
    {
        try
        {
            var environment = fixture.Environment;
            using var app = environment.CreateAppClient();
            using var sidecar = environment.CreateDaprClient();
            await environment.KillAppAsync();
            await environment.KillSidecarAsync();

            // daprd cannot finish starting without its app, so this restart must not wait for that.
            await environment.RestartSidecarAsync();
            await environment.RestartAppAsync();
            using var health = await app.GetAsync("healthz");
            var metadata = await sidecar.GetFromJsonAsync<SidecarMetadata>("v1.0/metadata");

            health.StatusCode.Should().Be(HttpStatusCode.OK);
            metadata!.ActorRuntime.Placement.Should().Be("placement: connected");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    private sealed record SidecarMetadata(string Id, IReadOnlyList<SidecarComponent> Components, SidecarActorRuntime ActorRuntime);

    private sealed record SidecarComponent(string Name, string Type);

    private sealed record SidecarActorRuntime(string Placement);
}
