using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record RemoveItem(string Sku) : CartSignal
{
    public override Rejection? Validate() => SignalValidation.Reference(Sku, "sku");
}
