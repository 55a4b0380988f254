using Dapr.Workflow;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Checkouts;

/// <summary>Reads checkouts from their workflow's custom status (no replay).</summary>
public sealed class CheckoutReader(DaprWorkflowClient workflows)
{
    public async Task<CheckoutStatus?> GetAsync(string checkoutId, CancellationToken cancellationToken)
    {
        var state = await workflows.ReadWorkflowStateAsync(CheckoutRequest.InstanceIdFor(checkoutId), cancellationToken);
        if (state is not { Exists: true })
        {
            return null;
        }

        var view = state.ReadCustomStatusAs<CheckoutView>()
            ?? (state.ReadInputAs<CheckoutRequest>() is { } request ? CheckoutView.Start(request, request.RequestedAt) : null);
        return view is null ? null : new CheckoutStatus(state.RuntimeStatus.ToString(), view);
    }
}
