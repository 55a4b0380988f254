using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record AddItem(string Sku, int Quantity, Money UnitPrice) : CartSignal
{
    public override Rejection? Validate() =>
        SignalValidation.EntityReference(Sku, "sku")
        ?? SignalValidation.Quantity(Quantity)
        ?? SignalValidation.Amount(UnitPrice, "unit-price");
}
