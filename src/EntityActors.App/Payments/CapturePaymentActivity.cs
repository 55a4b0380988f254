using Dapr.Workflow;

namespace EntityActors.App.Payments;

/// <summary>
/// Captures a checkout's payment part by part at the gateway, with a heartbeat after each part. It starts after the
/// last progress recorded by any attempt (so an attempt run again after the app died does not ask again for what was
/// captured), and the gateway's idempotency keys make a part asked twice (a race between attempts) a duplicate.
/// </summary>
public sealed class CapturePaymentActivity(IPaymentGateway gateway, PaymentHeartbeats heartbeats, ILogger<CapturePaymentActivity> logger)
    : WorkflowActivity<PaymentCaptureRequest, PaymentCaptureResult>
{
    public override async Task<PaymentCaptureResult> RunAsync(WorkflowActivityContext context, PaymentCaptureRequest input)
    {
        var recorded = await heartbeats.ReadAsync(input.CheckoutId, CancellationToken.None);
        var from = Math.Max(input.FromPart, (recorded?.Progress ?? 0) + 1);
        logger.LogCaptureStarted(input.CheckoutId, input.Attempt, from, input.Parts.Count);
        await heartbeats.BeatAsync(input, from - 1, CancellationToken.None);
        for (var part = from; part <= input.Parts.Count; part++)
        {
            var receipt = await gateway.CaptureAsync(input.Parts[part - 1], CancellationToken.None);
            if (receipt.Voided)
            {
                throw new InvalidOperationException($"Part {part} of the payment of {input.CheckoutId} was voided; the checkout gave up on it.");
            }

            await heartbeats.BeatAsync(input, part, CancellationToken.None);
        }

        return new PaymentCaptureResult(input.Parts.Count, from);
    }
}
