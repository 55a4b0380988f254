using System.Text.Json.Serialization;

namespace EntityActors.Domain.Carts;

/// <summary>What happened to a cart. Every event carries its time, which becomes the cart's last activity.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ItemAdded), "item-added")]
[JsonDerivedType(typeof(ItemQuantityChanged), "item-quantity-changed")]
[JsonDerivedType(typeof(ItemRemoved), "item-removed")]
[JsonDerivedType(typeof(CartCleared), "cart-cleared")]
[JsonDerivedType(typeof(CheckoutStarted), "checkout-started")]
[JsonDerivedType(typeof(CheckoutCompleted), "checkout-completed")]
[JsonDerivedType(typeof(CheckoutFailed), "checkout-failed")]
[JsonDerivedType(typeof(CartExpired), "cart-expired")]
public abstract record CartEvent
{
    private protected CartEvent(DateTimeOffset at) => At = at;

    public DateTimeOffset At { get; init; }
}
