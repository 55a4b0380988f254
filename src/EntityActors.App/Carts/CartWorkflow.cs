using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Carts;

/// <summary>
/// The long-lived workflow of one cart; its rules live in <see cref="Cart"/>. An open cart left idle for
/// the configured time sends itself the expire signal (a durable timer, re-armed in every generation).
/// </summary>
public sealed class CartWorkflow : EntityWorkflow<Cart, CartState, CartSignal, CartEvent>
{
    protected override DateTimeOffset? IdleDeadline(EntityCheckpoint<CartState> checkpoint) =>
        checkpoint.State.Status == CartStatus.Open
        && checkpoint.Settings.IdleTimeout is { } idle
        && (checkpoint.State.LastActivityAt ?? checkpoint.LastChangedAt) is { } lastActivity
            ? lastActivity + idle
            : null;

    // The workflow may lag its writer: the signal says which activity the timer saw, so a cart active since refuses it.
    protected override SignalCommand IdleSignal(EntityCheckpoint<CartState> checkpoint) =>
        new(Cart.Kind, checkpoint.Id, "expire",
            JsonSerializer.SerializeToElement<CartSignal>(new ExpireCart(checkpoint.State.LastActivityAt ?? checkpoint.LastChangedAt), EntityJson.Options),
            $"idle-expiry:{checkpoint.Sequence}");
}
