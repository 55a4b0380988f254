using EntityActors.App.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace EntityActors.App.Tests.Health;

public class HealthChangeLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public void Probes_that_see_the_same_failure_log_it_once_then_once_a_minute_while_it_lasts()
    {
        var log = new HealthChangeLog(Interval);
        log.Observe(Report(), T0, stopping: false);

        var turned = log.Observe(Report(("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(1), stopping: false);
        var repeats = Enumerable.Range(2, 59).Select(second => log.Observe(Report(("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(second), stopping: false));
        var lasting = log.Observe(Report(("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(61), stopping: false);
        var quietAgain = log.Observe(Report(("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(62), stopping: false);

        turned.Should().Be(new HealthChange(HealthChangeKind.Turned, LogLevel.Warning, HealthStatus.Unhealthy, TimeSpan.Zero, "state-store: Did not answer within 1.5 s."));
        repeats.Should().AllSatisfy(change => change.Should().BeNull());
        lasting.Should().Be(new HealthChange(HealthChangeKind.Lasting, LogLevel.Warning, HealthStatus.Unhealthy, TimeSpan.FromSeconds(60), "state-store: Did not answer within 1.5 s."));
        quietAgain.Should().BeNull();
    }

    [Fact]
    public void A_recovery_is_logged_once_at_information_with_how_long_the_failure_lasted()
    {
        var log = new HealthChangeLog(Interval);
        log.Observe(Report(), T0, stopping: false);
        log.Observe(Report(("sidecar", "The Dapr sidecar is unreachable.")), T0.AddSeconds(1), stopping: false);

        var recovered = log.Observe(Report(), T0.AddSeconds(13), stopping: false);
        var healthyAgain = log.Observe(Report(), T0.AddSeconds(14), stopping: false);
        var healthyLater = log.Observe(Report(), T0.AddHours(1), stopping: false);

        recovered.Should().Be(new HealthChange(HealthChangeKind.Recovered, LogLevel.Information, HealthStatus.Healthy, TimeSpan.FromSeconds(12), ""));
        healthyAgain.Should().BeNull();
        healthyLater.Should().BeNull("a healthy endpoint is never logged again until it changes");
    }

    [Fact]
    public void Another_check_failing_is_a_change_that_names_every_failing_check_and_keeps_counting_the_failure()
    {
        var log = new HealthChangeLog(Interval);
        log.Observe(Report(), T0, stopping: false);
        log.Observe(Report(("sidecar", "Did not answer within 1.5 s.")), T0.AddSeconds(1), stopping: false);

        var more = log.Observe(Report(("sidecar", "Did not answer within 1.5 s."), ("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(5), stopping: false);
        var lasting = log.Observe(Report(("sidecar", "Did not answer within 1.5 s."), ("state-store", "Did not answer within 1.5 s.")), T0.AddSeconds(65), stopping: false);

        more.Should().Be(new HealthChange(HealthChangeKind.FailingChanged, LogLevel.Warning, HealthStatus.Unhealthy, TimeSpan.FromSeconds(4),
            "sidecar: Did not answer within 1.5 s.; state-store: Did not answer within 1.5 s."));
        lasting!.Lasted.Should().Be(TimeSpan.FromSeconds(64), "unhealthy since the sidecar failed, whatever failed since");
    }

    [Fact]
    public void A_description_that_changes_alone_is_no_change()
    {
        var log = new HealthChangeLog(Interval);
        log.Observe(Report(("workflow-worker", "No worker for 61 s.")), T0, stopping: false);

        log.Observe(Report(("workflow-worker", "No worker for 62 s.")), T0.AddSeconds(1), stopping: false).Should().BeNull();
    }

    [Fact]
    public void The_first_report_is_logged_at_information_even_failing_since_an_app_starts_not_ready()
    {
        var first = new HealthChangeLog(Interval).Observe(Report(("workflow-runtime", "Not connected yet.")), T0, stopping: false);

        first.Should().Be(new HealthChange(HealthChangeKind.First, LogLevel.Information, HealthStatus.Unhealthy, TimeSpan.Zero, "workflow-runtime: Not connected yet."));
    }

    [Fact]
    public void Failing_while_the_replica_stops_is_expected_and_logged_at_information()
    {
        var log = new HealthChangeLog(Interval);
        log.Observe(Report(), T0, stopping: false);

        var draining = log.Observe(Report(("draining", "The replica is shutting down.")), T0.AddSeconds(1), stopping: true);

        (draining!.Kind, draining.Level).Should().Be((HealthChangeKind.Turned, LogLevel.Information));
    }

    [Fact]
    public void A_failing_check_with_an_exception_says_what_was_thrown()
    {
        var log = new HealthChangeLog(Interval);
        var entries = new Dictionary<string, HealthReportEntry>
        {
            ["sidecar"] = new(HealthStatus.Unhealthy, "The Dapr sidecar is unreachable.", TimeSpan.Zero, new HttpRequestException("Connection refused"), null),
        };

        var first = log.Observe(new HealthReport(entries, TimeSpan.Zero), T0, stopping: false);

        first!.Failing.Should().Be("sidecar: The Dapr sidecar is unreachable. (HttpRequestException: Connection refused)");
    }

    internal static HealthReport Report(params (string Name, string Description)[] failing)
    {
        var entries = new Dictionary<string, HealthReportEntry> { ["draining-free"] = new(HealthStatus.Healthy, "Fine.", TimeSpan.Zero, null, null) };
        foreach (var (name, description) in failing)
        {
            entries[name] = new HealthReportEntry(HealthStatus.Unhealthy, description, TimeSpan.Zero, null, null);
        }

        return new HealthReport(entries, TimeSpan.Zero);
    }
}
