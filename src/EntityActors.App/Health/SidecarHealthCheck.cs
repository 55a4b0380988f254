using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>Ready only while the sidecar answers its health endpoint.</summary>
public sealed class SidecarHealthCheck(SidecarClient sidecar) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await sidecar.IsHealthyAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The Dapr sidecar is up.")
                : HealthCheckResult.Unhealthy("The Dapr sidecar reports unhealthy.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("The Dapr sidecar is unreachable.", ex);
        }
    }
}
