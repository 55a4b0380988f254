using EntityActors.App.Health;
using EntityActors.App.Hosting.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Hosting;

public class ShutdownDrainTests
{
    [Fact]
    public async Task A_running_replica_is_healthy()
    {
        var drain = NewDrain();

        var health = await new DrainingHealthCheck(drain).CheckHealthAsync(new HealthCheckContext());

        drain.IsDraining.Should().BeFalse();
        health.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Once_stopping_the_replica_drains_and_reports_unhealthy_to_its_sidecar()
    {
        var drain = NewDrain();

        await drain.StoppingAsync(CancellationToken.None);
        var health = await new DrainingHealthCheck(drain).CheckHealthAsync(new HealthCheckContext());

        drain.IsDraining.Should().BeTrue();
        health.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task A_stop_whose_own_bound_runs_out_ends_the_drain_early_without_failing_the_stop()
    {
        var drain = new ShutdownDrain(Options.Create(new ShutdownOptions { DrainDelay = TimeSpan.FromMinutes(1) }), NullLogger<ShutdownDrain>.Instance);
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();

        var stopping = () => drain.StoppingAsync(expired.Token);

        await stopping.Should().NotThrowAsync();
        drain.IsDraining.Should().BeTrue();
    }

    private static ShutdownDrain NewDrain() =>
        new(Options.Create(new ShutdownOptions { DrainDelay = TimeSpan.Zero }), NullLogger<ShutdownDrain>.Instance);
}
