using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Cluster;

/// <summary>Ready only once this replica's components were found to agree with the other replicas'.</summary>
public sealed class ClusterAgreementHealthCheck(ClusterAgreement agreement) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            agreement.Refusal is { } refusal ? HealthCheckResult.Unhealthy(refusal)
            : agreement.Agreed ? HealthCheckResult.Healthy("The components agree with the other replicas'.")
            : HealthCheckResult.Unhealthy("Comparing the components with the other replicas'."));
}
