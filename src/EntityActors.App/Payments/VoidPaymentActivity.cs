using Dapr.Workflow;

namespace EntityActors.App.Payments;

/// <summary>Voids a payment the checkout gave up on: its captured parts are refunded and late captures refused. Idempotent.</summary>
public sealed class VoidPaymentActivity(IPaymentGateway gateway, ILogger<VoidPaymentActivity> logger) : WorkflowActivity<PaymentVoid, object?>
{
    public override async Task<object?> RunAsync(WorkflowActivityContext context, PaymentVoid input)
    {
        await gateway.VoidAsync(input.Keys, CancellationToken.None);
        logger.LogPaymentVoided(input.CheckoutId, input.Keys.Count);
        return null;
    }
}
