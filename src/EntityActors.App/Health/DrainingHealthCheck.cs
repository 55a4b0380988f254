using EntityActors.App.Hosting.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>Unhealthy once the replica drains on its way out: its sidecar then hands its actors to the other replicas.</summary>
public sealed class DrainingHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("The replica is shutting down.")
            : HealthCheckResult.Healthy("The replica is running."));
}
