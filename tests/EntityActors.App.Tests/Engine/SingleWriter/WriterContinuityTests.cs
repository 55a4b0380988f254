using System.Net;
using System.Text;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Engine.SingleWriter;

public class WriterContinuityTests
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_view_loaded_while_the_sidecar_hosts_actors_holds_until_something_interrupts_the_process()
    {
        var (continuity, sidecar, clock) = Continuity();
        continuity.Holds(continuity.Epoch).Should().BeFalse("nothing is known of the sidecar before it first answers");

        await continuity.ObserveSidecarAsync(CancellationToken.None);
        var loadedIn = continuity.Epoch;
        clock.Advance(MaxPause);
        await continuity.ObserveSidecarAsync(CancellationToken.None);

        continuity.Holds(loadedIn).Should().BeTrue("the sidecar still hosts actors and no gap passed the limit");
        sidecar.Requests.Should().Be(2);
    }

    [Fact]
    public async Task A_process_that_stood_still_past_the_limit_starts_a_new_epoch_once_at_its_first_look()
    {
        var (continuity, _, clock) = Continuity();
        await continuity.ObserveSidecarAsync(CancellationToken.None);
        var loadedIn = continuity.Epoch;

        clock.Advance(MaxPause + TimeSpan.FromMilliseconds(1));

        continuity.Holds(loadedIn).Should().BeFalse("another replica may have taken its entities meanwhile");
        var reloadedIn = continuity.Epoch;
        reloadedIn.Should().Be(loadedIn + 1, "the gap is counted once, by whoever saw it first");
        continuity.Holds(reloadedIn).Should().BeTrue("a view loaded after the gap is current");
    }

    [Theory]
    [InlineData("unreachable")]
    [InlineData("placement: disconnected")]
    [InlineData("host not ready")]
    public async Task A_sidecar_that_loses_its_place_holds_no_view_until_it_is_back_and_then_only_views_loaded_since(string loss)
    {
        var (continuity, sidecar, _) = Continuity();
        await continuity.ObserveSidecarAsync(CancellationToken.None);
        var before = continuity.Epoch;

        (sidecar.Unreachable, sidecar.Placement, sidecar.HostReady) = loss switch
        {
            "unreachable" => (true, "placement: connected", true),
            "placement: disconnected" => (false, loss, false),
            _ => (false, "placement: connected", false),
        };
        await continuity.ObserveSidecarAsync(CancellationToken.None);
        var during = continuity.Epoch;

        continuity.Holds(before).Should().BeFalse();
        continuity.Holds(during).Should().BeFalse("while the sidecar may have lost its entities, every answer loads again");

        (sidecar.Unreachable, sidecar.Placement, sidecar.HostReady) = (false, "placement: connected", true);
        await continuity.ObserveSidecarAsync(CancellationToken.None);

        continuity.Holds(during).Should().BeFalse("a view loaded while the sidecar was away may have been written past since");
        continuity.Holds(continuity.Epoch).Should().BeTrue();
    }

    [Fact]
    public async Task A_sidecar_slower_than_the_check_timeout_counts_as_lost()
    {
        var (continuity, sidecar, _) = Continuity(checkTimeout: TimeSpan.FromMilliseconds(100));
        await continuity.ObserveSidecarAsync(CancellationToken.None);
        var before = continuity.Epoch;

        sidecar.Delay = TimeSpan.FromSeconds(10);
        await continuity.ObserveSidecarAsync(CancellationToken.None);

        continuity.Holds(before).Should().BeFalse("a frozen sidecar answers nothing, and placement will hand its entities over");
    }

    private static (WriterContinuity Continuity, FakeSidecar Sidecar, SteppingClock Clock) Continuity(
        TimeSpan? checkTimeout = null, IHostApplicationLifetime? lifetime = null, ILogger<WriterContinuity>? logger = null)
    {
        var sidecar = new FakeSidecar();
        var clock = new SteppingClock();
        var client = new SidecarClient(new HttpClient(sidecar) { BaseAddress = new Uri("http://127.0.0.1:3500") });
        var options = Microsoft.Extensions.Options.Options.Create(new WriterContinuityOptions { MaxPause = MaxPause, SidecarCheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(1) });
        return (new WriterContinuity(client, options, clock, lifetime ?? new Lifetime(), logger ?? NullLogger<WriterContinuity>.Instance), sidecar, clock);
    }

    [Theory]
    [InlineData(false, LogLevel.Warning)]
    [InlineData(true, LogLevel.Information)]
    public async Task A_sidecar_lost_is_a_warning_unless_the_replica_stops(bool stopping, LogLevel expected)
    {
        var lifetime = new Lifetime();
        var logger = new RecordingLogger();
        var (continuity, sidecar, _) = Continuity(lifetime: lifetime, logger: logger);
        await continuity.ObserveSidecarAsync(CancellationToken.None);
        if (stopping)
        {
            lifetime.Stop();
        }

        sidecar.HostReady = false;
        await continuity.ObserveSidecarAsync(CancellationToken.None);

        logger.Levels.Should().Equal([expected], "a stopping replica's sidecar hands its actors over as it should");
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private bool stopping;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => new(stopping);

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Stop() => stopping = true;

        public void StopApplication() => Stop();
    }

    private sealed class RecordingLogger : ILogger<WriterContinuity>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }

    /// <summary>A clock whose timestamps move only when told.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }

    private sealed class FakeSidecar : HttpMessageHandler
    {
        public bool Unreachable { get; set; }

        public string Placement { get; set; } = "placement: connected";

        public bool HostReady { get; set; } = true;

        public TimeSpan Delay { get; set; }

        public int Requests { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            await Task.Delay(Delay, cancellationToken);
            if (Unreachable)
            {
                throw new HttpRequestException("connection refused");
            }

            request.RequestUri!.AbsolutePath.Should().Be("/v1.0/metadata");
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"id":"entityactors","actorRuntime":{"runtimeStatus":"RUNNING","placement":""" + $"\"{Placement}\",\"hostReady\":{(HostReady ? "true" : "false")}}}}}",
                    Encoding.UTF8,
                    "application/json"),
            };
        }
    }
}
