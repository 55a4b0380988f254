using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EntityActors.App.Payments;

/// <summary>Registration of payment capture: the gateway (the in-app stub unless another is registered) and heartbeats.</summary>
public static class PaymentsHosting
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<SimulatedGatewayOptions>().BindConfiguration(SimulatedGatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        services.AddSingleton<PaymentHeartbeats>();
        return services;
    }

    public static void RegisterPaymentActivities(this WorkflowRuntimeOptions options)
    {
        options.RegisterActivity<CapturePaymentActivity>();
        options.RegisterActivity<VoidPaymentActivity>();
    }
}
