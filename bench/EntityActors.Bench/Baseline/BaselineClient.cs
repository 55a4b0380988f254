using System.Diagnostics;
using System.Globalization;
using Dapr.Workflow;

namespace EntityActors.Bench.Baseline;

/// <summary>Drives <see cref="BaselineCounterWorkflow"/> instances straight through <see cref="DaprWorkflowClient"/>.</summary>
public sealed class BaselineClient(DaprWorkflowClient workflows, TimeSpan pollInterval)
{
    public Task ScheduleAsync(string instanceId, int continueAsNewAfter, CancellationToken cancellationToken) =>
        workflows.ScheduleNewWorkflowAsync(
            nameof(BaselineCounterWorkflow), instanceId, new BaselineCounterInput(0, continueAsNewAfter), startTime: null, cancellationToken);

    // As long as the product's HTTP client waits for an answer.
    private static readonly TimeSpan RaiseTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Raises one "inc" of 1. Not retried: Dapr does not dedup raised events, so a retry could count twice. Bounded:
    /// 8 concurrent raisers to one instance have been seen to hang the bare runtime's raises for good (79 of 200 returned).
    /// </summary>
    /// <exception cref="TimeoutException">The sidecar did not answer within <see cref="RaiseTimeout"/>.</exception>
    public async Task RaiseAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(RaiseTimeout);
        try
        {
            await workflows.RaiseEventAsync(instanceId, BaselineCounterWorkflow.IncrementEvent, 1, bounded.Token);
        }
        catch (Exception ex) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The baseline's sidecar did not answer a raise to {instanceId} within {RaiseTimeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>The counter as the instance last published it; null when the instance or its status is not there (yet).</summary>
    public async Task<long?> ReadCountAsync(string instanceId, CancellationToken cancellationToken) =>
        await workflows.ReadStateAsync(instanceId, cancellationToken) is { Exists: true } state ? state.ReadCustomStatusAs<long?>() : null;

    /// <summary>Polls (every poll interval, as the product's own wait does) until the counter reaches <paramref name="target"/>.</summary>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/>.</exception>
    public async Task<long> WaitForCountAsync(string instanceId, long target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var count = await ReadCountAsync(instanceId, cancellationToken);
            if (count >= target)
            {
                return count.Value;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"Baseline instance {instanceId} did not count to {target} within {timeout.TotalSeconds:0} s; last seen {count?.ToString(CultureInfo.InvariantCulture) ?? "no status"}.");
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }
}
