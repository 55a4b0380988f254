using Dapr.Client;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

/// <summary>Ready only when the state store answers a read through the sidecar.</summary>
public sealed class StateStoreHealthCheck(DaprClient dapr, IOptions<DaprComponentsOptions> components) : IHealthCheck
{
    private const string ProbeKey = "entityactors:readiness-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dapr.GetStateAsync<string?>(components.Value.StateStore, ProbeKey, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"State store '{components.Value.StateStore}' answers.");
        }
        catch (Exception ex) when (ex is Dapr.DaprException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy($"State store '{components.Value.StateStore}' does not answer.", ex);
        }
    }
}
