using EntityActors.App.Health;
using EntityActors.App.Hosting.Shutdown;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Hosting;

public class ShutdownDrainTests
{
    [Fact]
    public async Task A_running_replica_is_healthy_and_keeps_its_connections_open()
    {
        var drain = NewDrain();

        var health = await new DrainingHealthCheck(drain).CheckHealthAsync(new HealthCheckContext());
        var context = await RunAsync(drain);

        drain.IsDraining.Should().BeFalse();
        health.Status.Should().Be(HealthStatus.Healthy);
        context.Response.Headers.Connection.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Once_stopping_the_replica_drains_reports_unhealthy_to_its_sidecar_and_closes_each_connection_after_its_response()
    {
        var drain = NewDrain();

        await drain.StoppingAsync(CancellationToken.None);
        var health = await new DrainingHealthCheck(drain).CheckHealthAsync(new HealthCheckContext());
        var context = await RunAsync(drain);

        drain.IsDraining.Should().BeTrue();
        health.Status.Should().Be(HealthStatus.Unhealthy);
        context.Response.Headers.Connection.ToString().Should().Be("close");
        context.Items.Should().ContainKey("served", "the request itself is still served");
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

    private static async Task<HttpContext> RunAsync(ShutdownDrain drain)
    {
        var context = new DefaultHttpContext();
        await ShutdownHosting.ClosingConnectionsWhileDraining(drain)(served =>
        {
            served.Items["served"] = true;
            return Task.CompletedTask;
        })(context);
        return context;
    }
}
