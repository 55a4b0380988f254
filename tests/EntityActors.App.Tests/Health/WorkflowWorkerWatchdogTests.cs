using System.Globalization;
using System.Net;
using System.Text;
using EntityActors.App.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Tests.Health;

public class WorkflowWorkerWatchdogTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_app_is_live_while_the_sidecar_has_its_workflow_worker()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Workers = 1;
        clock.Advance(TimeSpan.FromHours(1));

        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_worker_missing_beyond_the_grace_fails_liveness_and_one_that_comes_back_restores_it()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Workers = 1;
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);

        sidecar.Workers = 0;
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy, "the worker just went missing");
        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy, "still within the grace");
        clock.Advance(TimeSpan.FromSeconds(1));
        var failed = await CheckAsync(watchdog);
        failed.Status.Should().Be(HealthStatus.Unhealthy);
        failed.Description.Should().Contain("no workflow worker").And.Contain("60 s");

        sidecar.Workers = 1;
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);
        sidecar.Workers = 0;
        clock.Advance(TimeSpan.FromSeconds(30));
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy, "the grace counts from when the worker went missing again");
    }

    [Fact]
    public async Task A_worker_that_never_connected_after_start_fails_liveness_once_the_grace_is_over()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Workers = 0;

        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);
        clock.Advance(Grace);
        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task An_unreachable_sidecar_is_no_reason_to_restart_the_app()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Unreachable = true;
        clock.Advance(TimeSpan.FromHours(1));

        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);
    }

    private static Task<HealthCheckResult> CheckAsync(WorkflowWorkerWatchdog watchdog) =>
        watchdog.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

    private static (WorkflowWorkerWatchdog Watchdog, FakeSidecar Sidecar, ManualClock Clock) Watchdog()
    {
        var sidecar = new FakeSidecar();
        var clock = new ManualClock();
        var client = new SidecarClient(new HttpClient(sidecar) { BaseAddress = new Uri("http://127.0.0.1:3500") });
        var watchdog = new WorkflowWorkerWatchdog(client, clock, Microsoft.Extensions.Options.Options.Create(new HealthOptions { WorkflowWorkerGrace = Grace }));
        return (watchdog, sidecar, clock);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    private sealed class FakeSidecar : HttpMessageHandler
    {
        public int Workers { get; set; }

        public bool Unreachable { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Unreachable
                ? throw new HttpRequestException("connection refused")
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        "{\"id\":\"entityactors\",\"workflows\":{\"connectedWorkers\":" + Workers.ToString(CultureInfo.InvariantCulture) + "}}", Encoding.UTF8, "application/json"),
                });
    }
}
