using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Retention;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Checkouts;

/// <summary>
/// A cart's checkouts are part of it: a cart checking out is not erased (its saga holds money and stock for it and would
/// tell an erased cart how it ended), and a cart that is goes with its finished checkouts. A new cart of the same id must
/// not count its checkouts from 1 again: <c>{cart}-checkout-1</c> would find the old instance and never start, or, once
/// that is purged, send the accounts and items the old one's idempotency keys and be answered as a repeat (completed,
/// nothing charged). So the count outlives the erase (<see cref="ErasedCheckoutsKey"/>) and the new cart goes on from it.
/// </summary>
public sealed partial class CartCheckoutsEraseStep(DaprWorkflowClient workflows, IEntityStore store, ILogger<CartCheckoutsEraseStep> logger) : IEntityEraseStep, IEntityEraseGuard
{
    public string Kind => Cart.Kind;

    public Rejection? Refusal(EntityView<JsonElement> view) =>
        EraseGuards.State<CartState>(view) is { Status: CartStatus.CheckingOut, ActiveCheckout: { } active }
            ? Rejection.Conflict("checkout-in-progress", $"The cart is checking out ({active.CheckoutId}); it can be erased once that checkout has ended (or been resolved).")
            : null;

    /// <summary>
    /// Where an erased cart leaves how many checkouts it had: the one record of it that outlives the erase, read by the
    /// next cart of the id (<see cref="Carts.CartActor"/>), whose checkouts then count on from there.
    /// </summary>
    public static string ErasedCheckoutsKey(EntityAddress address) => $"{address.InstanceId}:erased-checkouts";

    public async Task EraseAsync(EntityAddress address, EntityView<JsonElement>? view, CancellationToken cancellationToken)
    {
        var attempts = (view is null ? null : EraseGuards.State<CartState>(view)?.CheckoutAttempts) ?? await CountAsync(address, cancellationToken);
        var before = await store.GetAsync<int?>(ErasedCheckoutsKey(address), cancellationToken) ?? 0;
        if (attempts > before)
        {
            await store.SaveAsync(ErasedCheckoutsKey(address), attempts, cancellationToken: cancellationToken);
        }

        for (var attempt = before + 1; attempt <= attempts; attempt++)
        {
            var instanceId = CheckoutRequest.InstanceIdFor(CheckoutIds.For(address.Id, attempt));
            var state = await workflows.ReadWorkflowStateAsync(instanceId, cancellationToken);
            if (state is not { Exists: true })
            {
                continue;
            }

            if (state.RuntimeStatus is not (WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated))
            {
                // Only when the cart's own state was unreadable: leave a running saga alone rather than cut it off.
                LogCheckoutKept(instanceId, state.RuntimeStatus.ToString());
                continue;
            }

            await workflows.PurgeInstanceAsync(instanceId, cancellationToken);
            await store.DeleteAsync(OperatorResolution.Key(CheckoutIds.For(address.Id, attempt)), cancellationToken);
        }
    }

    /// <summary>The cart's checkouts counted by their instances, when its state could not be read.</summary>
    private async Task<int> CountAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        var found = await store.GetAsync<int?>(ErasedCheckoutsKey(address), cancellationToken) ?? 0;
        while (await workflows.ReadWorkflowStateAsync(CheckoutRequest.InstanceIdFor(CheckoutIds.For(address.Id, found + 1)), cancellationToken) is { Exists: true })
        {
            found++;
        }

        return found;
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Checkout {InstanceId} is {Status}: kept while its cart is erased")]
    private partial void LogCheckoutKept(string instanceId, string status);
}
