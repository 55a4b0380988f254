using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>Everything a cart can be asked to do. Closed: only the types listed here derive from it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AddItem), "add-item")]
[JsonDerivedType(typeof(ChangeItemQuantity), "change-quantity")]
[JsonDerivedType(typeof(RemoveItem), "remove-item")]
[JsonDerivedType(typeof(ClearCart), "clear")]
[JsonDerivedType(typeof(CheckOut), "check-out")]
[JsonDerivedType(typeof(ExpireCart), "expire")]
[JsonDerivedType(typeof(CompleteCheckout), "complete-checkout")]
[JsonDerivedType(typeof(FailCheckout), "fail-checkout")]
public abstract record CartSignal : ISignal
{
    private protected CartSignal()
    {
    }

    /// <summary>Signal name (as in routes and the JSON <c>type</c> property) → signal type.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = JsonDerivedTypes.ByDiscriminator<CartSignal>();

    /// <inheritdoc />
    public abstract Rejection? Validate();
}
