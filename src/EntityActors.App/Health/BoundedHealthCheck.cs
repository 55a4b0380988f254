using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>
/// Runs a check within <see cref="HealthOptions.CheckTimeout"/>: one that takes longer (a frozen sidecar or store holds
/// a read for 20 s and more) is cancelled and counts as failed, saying so, while the endpoint answers with the others.
/// </summary>
public sealed class BoundedHealthCheck(IHealthCheck inner, TimeSpan bound, TimeProvider time) : IHealthCheck
{
    /// <summary>The description of a check that ran out of time.</summary>
    public static string DidNotAnswer(TimeSpan bound) =>
        string.Create(CultureInfo.InvariantCulture, $"Did not answer within {bound.TotalSeconds:0.0##} s.");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var deadline = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // WaitAsync bounds a check that does not heed its token, too.
            var result = await inner.CheckHealthAsync(context, linked.Token).WaitAsync(bound, time, cancellationToken);

            // A check that caught its own cancellation answers "does not answer" in its words: the cause is the bound.
            return deadline.IsCancellationRequested && result.Status != HealthStatus.Healthy ? TimedOut(context) : result;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is TimeoutException || deadline.IsCancellationRequested))
        {
            // WaitAsync's timer may fire before the deadline's: the check's call must not go on uncancelled.
            await linked.CancelAsync();
            return TimedOut(context);
        }
    }

    private HealthCheckResult TimedOut(HealthCheckContext context) =>
        new(context.Registration.FailureStatus, DidNotAnswer(bound));
}
