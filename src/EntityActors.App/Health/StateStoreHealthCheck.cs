using Dapr.Client;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

/// <summary>Ready only when the state stores (the workflows' and the entities' records) answer a read through the sidecar.</summary>
public sealed class StateStoreHealthCheck(DaprClient dapr, IOptions<DaprComponentsOptions> components) : IHealthCheck
{
    private const string ProbeKey = "entityactors:readiness-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var store in new[] { components.Value.StateStore, components.Value.EntityStore }.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await dapr.GetStateAsync<string?>(store, ProbeKey, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is Dapr.DaprException or HttpRequestException)
            {
                return HealthCheckResult.Unhealthy($"State store '{store}' does not answer.", ex);
            }
        }

        return HealthCheckResult.Healthy("The state stores answer.");
    }
}
