using Dapr.Actors.Runtime;
using EntityActors.App.Checkouts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Carts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Carts;

/// <summary>
/// Single writer of one cart's signal intake; also gives its workflow the idle timeout after which it expires, and a new
/// cart of an erased one's id the old one's count of checkouts, so its checkouts get ids (and saga keys) of their own.
/// </summary>
public sealed class CartActor(ActorHost host, EntityActorServices services, IOptions<CartOptions> cartOptions)
    : EntityActor<Cart, CartState, CartSignal, CartEvent>(host, services)
{
    protected override string WorkflowName => nameof(CartWorkflow);

    protected override async Task<CartState> InitialStateAsync(EntityAddress address) =>
        await Services.Store.GetAsync<int?>(CartCheckoutsEraseStep.ErasedCheckoutsKey(address)) is { } erased and > 0
            ? Cart.Initial with { CheckoutAttempts = erased }
            : Cart.Initial;

    protected override EntityWorkflowSettings Configure(EntityWorkflowSettings defaults) =>
        defaults with { IdleTimeout = cartOptions.Value.ExpireAfter };
}
