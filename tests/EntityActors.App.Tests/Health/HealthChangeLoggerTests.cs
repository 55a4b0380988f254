using EntityActors.App.Health;
using EntityActors.App.Hosting;
using EntityActors.App.Hosting.Shutdown;
using EntityActors.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static EntityActors.App.Tests.Health.HealthChangeLogTests;

namespace EntityActors.App.Tests.Health;

public class HealthChangeLoggerTests
{
    [Fact]
    public void Ten_probes_of_a_frozen_store_log_one_warning_and_its_recovery_one_line()
    {
        using var recording = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(recording).SetMinimumLevel(LogLevel.Trace));
        var drain = new ShutdownDrain(Options.Create(new ShutdownOptions()), NullLogger<ShutdownDrain>.Instance);
        var clock = new StoppedClock();
        var changes = new HealthChangeLogger(clock, drain, Options.Create(new HealthOptions()), loggers.CreateLogger<HealthChangeLogger>());

        changes.Observe("Readiness", Report());
        for (var probe = 0; probe < 10; probe++)
        {
            changes.Observe("Readiness", Report(("state-store", "Did not answer within 1.5 s.")));
        }

        clock.Now += TimeSpan.FromSeconds(12.5);
        changes.Observe("Readiness", Report());
        changes.Observe("Liveness", Report());

        recording.Entries.Select(entry => (entry.Level, entry.Message)).Should().Equal(
            (LogLevel.Information, "Readiness is Healthy"),
            (LogLevel.Warning, "Readiness turned Unhealthy: state-store: Did not answer within 1.5 s."),
            (LogLevel.Information, "Readiness is Healthy again after 12.5 s"),
            (LogLevel.Information, "Liveness is Healthy"));
    }

    [Fact]
    public async Task The_app_logs_no_line_of_the_frameworks_per_probe_health_check_log()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.AddEntityApp();
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        loggers.CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService").IsEnabled(LogLevel.Error).Should().BeFalse();
        loggers.CreateLogger<HealthChangeLogger>().IsEnabled(LogLevel.Information).Should().BeTrue();
    }

    private sealed class StoppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
