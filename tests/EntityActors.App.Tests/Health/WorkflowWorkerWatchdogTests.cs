using System.Globalization;
using System.Net;
using System.Text;
using EntityActors.App.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Health;

public class WorkflowWorkerWatchdogTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(40);

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
    public async Task A_worker_missing_for_a_while_is_reconnected_once_per_interval_and_not_while_connected()
    {
        var reconnects = new List<DateTimeOffset>();
        var (watchdog, sidecar, clock) = Watchdog(reconnects);
        sidecar.Workers = 1;
        clock.Advance(TimeSpan.FromMinutes(5));
        await CheckAsync(watchdog);
        reconnects.Should().BeEmpty();

        sidecar.Workers = 0;
        await CheckAsync(watchdog);
        clock.Advance(ReconnectAfter - TimeSpan.FromSeconds(1));
        await CheckAsync(watchdog);
        reconnects.Should().BeEmpty("the worker has not been missing for the interval yet");

        clock.Advance(TimeSpan.FromSeconds(1));
        await CheckAsync(watchdog);
        clock.Advance(TimeSpan.FromSeconds(2));
        await CheckAsync(watchdog);
        reconnects.Should().HaveCount(1, "one reconnect per interval");
        clock.Advance(ReconnectAfter);
        await CheckAsync(watchdog);
        reconnects.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_sidecar_that_takes_no_worker_back_despite_reconnects_is_asked_once_to_shut_down()
    {
        var reconnects = new List<DateTimeOffset>();
        var (watchdog, sidecar, clock) = Watchdog(reconnects);
        for (var elapsed = TimeSpan.Zero; elapsed < RestartAfter; elapsed += TimeSpan.FromSeconds(2))
        {
            await CheckAsync(watchdog);
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        sidecar.Shutdowns.Should().Be(0, "the worker has not been missing for the interval yet");
        await CheckAsync(watchdog);
        reconnects.Should().NotBeEmpty();
        sidecar.Shutdowns.Should().Be(1);
        clock.Advance(RestartAfter);
        await CheckAsync(watchdog);
        sidecar.Shutdowns.Should().Be(1, "once per time the worker goes missing");

        sidecar.Unreachable = true;
        await CheckAsync(watchdog);
        sidecar.Unreachable = false;
        clock.Advance(RestartAfter);
        await CheckAsync(watchdog);
        clock.Advance(TimeSpan.FromSeconds(2));
        await CheckAsync(watchdog);
        sidecar.Shutdowns.Should().Be(1, "a restarted sidecar gets the whole interval again");
        clock.Advance(RestartAfter);
        await CheckAsync(watchdog);
        sidecar.Shutdowns.Should().Be(2);
    }

    [Fact]
    public async Task A_sidecar_is_never_asked_to_shut_down_while_it_counts_the_worker()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Workers = 1;
        for (var i = 0; i < 100; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            await CheckAsync(watchdog);
        }

        sidecar.Shutdowns.Should().Be(0);
    }

    [Fact]
    public async Task An_unreachable_sidecar_is_no_reason_to_restart_the_app()
    {
        var (watchdog, sidecar, clock) = Watchdog();
        sidecar.Unreachable = true;
        clock.Advance(TimeSpan.FromHours(1));

        (await CheckAsync(watchdog)).Status.Should().Be(HealthStatus.Healthy);
    }

    private static async Task<HealthCheckResult> CheckAsync(WorkflowWorkerWatchdog watchdog)
    {
        await watchdog.ObserveAsync(CancellationToken.None);
        return await watchdog.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
    }

    private static (WorkflowWorkerWatchdog Watchdog, FakeSidecar Sidecar, ManualClock Clock) Watchdog() => Watchdog(new List<DateTimeOffset>());

    private static (WorkflowWorkerWatchdog Watchdog, FakeSidecar Sidecar, ManualClock Clock) Watchdog(List<DateTimeOffset> reconnects)
    {
        var sidecar = new FakeSidecar();
        var clock = new ManualClock();
        var client = new SidecarClient(new HttpClient(sidecar) { BaseAddress = new Uri("http://127.0.0.1:3500") });
        var options = Microsoft.Extensions.Options.Options.Create(new HealthOptions { WorkflowWorkerGrace = Grace, WorkflowWorkerReconnectAfter = ReconnectAfter, SidecarRestartAfter = RestartAfter });
        var watchdog = new WorkflowWorkerWatchdog(client, clock, options, _ =>
        {
            reconnects.Add(clock.GetUtcNow());
            return Task.CompletedTask;
        }, NullLogger<WorkflowWorkerWatchdog>.Instance);
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

        public int Shutdowns { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Unreachable)
            {
                throw new HttpRequestException("connection refused");
            }

            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v1.0/shutdown")
            {
                Shutdowns++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    "{\"id\":\"entityactors\",\"workflows\":{\"connectedWorkers\":" + Workers.ToString(CultureInfo.InvariantCulture) + "}}", Encoding.UTF8, "application/json"),
            });
        }
    }
}
