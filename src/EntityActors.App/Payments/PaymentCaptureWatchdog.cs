using System.Collections.Immutable;
using Dapr.Workflow;

namespace EntityActors.App.Payments;

/// <summary>
/// Runs a long capture from inside a workflow under a durable watchdog: the attempt's activity, its heartbeat events
/// and a timer of <see cref="PaymentCaptureSettings.HeartbeatTimeout"/> (workflow time) race; every heartbeat re-arms
/// the timer, and the timer firing first is a stall that <see cref="CaptureWatch"/> turns into a retry from the last
/// reported part or into giving up. Deterministic: it reads no clock but the workflow's.
/// </summary>
public sealed class PaymentCaptureWatchdog(WorkflowContext context, PaymentCaptureSettings settings)
{
    public async Task<CaptureWatch> RunAsync(string checkoutId, ImmutableList<CapturePart> parts, Action<CaptureWatch> publish)
    {
        var watch = CaptureWatch.Start(parts.Count, settings.MaxAttempts);
        var attempt = Attempt(checkoutId, parts, watch);
        // One waiter at a time, never cancelled: a cancelled waiter would still take the next heartbeat and drop it.
        var heartbeat = context.WaitForExternalEventAsync<PaymentHeartbeat>(PaymentEventNames.Heartbeat);
        while (true)
        {
            using var quiet = new CancellationTokenSource();
            var watchdog = context.CreateTimer(context.CurrentUtcDateTime + settings.HeartbeatTimeout, quiet.Token);
            var first = await Task.WhenAny(attempt, heartbeat, watchdog);
            if (first != watchdog)
            {
                quiet.Cancel();
            }

            if (first == heartbeat)
            {
                watch = watch.OnHeartbeat((await heartbeat).Progress);
                heartbeat = context.WaitForExternalEventAsync<PaymentHeartbeat>(PaymentEventNames.Heartbeat);
                publish(watch);
                continue;
            }

            string? stalled;
            if (first == attempt)
            {
                try
                {
                    watch = watch.OnCompleted((await attempt).Captured);
                    publish(watch);
                    return watch;
                }
                catch (WorkflowTaskFailedException ex)
                {
                    stalled = $"failed: {ex.FailureDetails?.ErrorMessage ?? ex.Message}";
                }
            }
            else
            {
                stalled = $"no heartbeat for {settings.HeartbeatTimeout}";
            }

            watch = watch.OnStalled(stalled);
            context.CreateReplaySafeLogger<PaymentCaptureWatchdog>().LogCaptureStalled(
                checkoutId, watch.GaveUp ? watch.Attempt : watch.Attempt - 1, stalled, watch.GaveUp ? "giving up" : $"retrying from part {watch.NextPart}");
            publish(watch);
            if (watch.GaveUp)
            {
                return watch;
            }

            attempt = Attempt(checkoutId, parts, watch);
        }
    }

    private Task<PaymentCaptureResult> Attempt(string checkoutId, ImmutableList<CapturePart> parts, CaptureWatch watch) =>
        context.CallActivityAsync<PaymentCaptureResult>(
            nameof(CapturePaymentActivity), new PaymentCaptureRequest(checkoutId, context.InstanceId, parts, watch.Attempt, watch.NextPart));
}
