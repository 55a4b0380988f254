using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>Sets the line's quantity (not a delta). Zero is not allowed: removing is <see cref="RemoveItem"/>.</summary>
public sealed record ChangeItemQuantity(string Sku, int Quantity) : CartSignal
{
    public override Rejection? Validate() =>
        SignalValidation.Reference(Sku, "sku")
        ?? SignalValidation.Quantity(Quantity);
}
