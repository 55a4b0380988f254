using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Checkouts;

/// <summary>Reads checkouts from their workflow's custom status (no replay).</summary>
public sealed class CheckoutReader(DaprWorkflowClient workflows, EntityReader entities, IEntityStore store)
{
    /// <summary>
    /// Whether the cart the checkout id names is checking out with it while its saga is not scheduled yet: the moment
    /// between the cart's answer to <c>check-out</c> and the saga's start, when the checkout has no workflow to read.
    /// </summary>
    public async Task<bool> IsStartingAsync(string checkoutId, CancellationToken cancellationToken)
    {
        return CheckoutIds.CartOf(checkoutId) is { } cartId
            && (await entities.GetAsync<CartState>(new EntityAddress(Cart.Kind, cartId), cancellationToken))?.State.ActiveCheckout?.CheckoutId == checkoutId;
    }

    public async Task<CheckoutStatus?> GetAsync(string checkoutId, CancellationToken cancellationToken)
    {
        var state = await workflows.ReadWorkflowStateAsync(CheckoutRequest.InstanceIdFor(checkoutId), cancellationToken);
        if (state is not { Exists: true })
        {
            return null;
        }

        var view = state.ReadCustomStatusAs<CheckoutView>()
            ?? (state.ReadInputAs<CheckoutRequest>() is { } request ? CheckoutView.Start(request, request.RequestedAt) : null);
        if (view is null)
        {
            return null;
        }

        var resolution = view.Outcome == CheckoutSteps.NeedsAttention
            ? await store.GetAsync<OperatorResolution>(OperatorResolution.Key(checkoutId), cancellationToken)
            : null;
        return new CheckoutStatus(state.RuntimeStatus.ToString(), view) { Resolution = resolution };
    }
}
