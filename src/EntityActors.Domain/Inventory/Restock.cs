using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

public sealed record Restock(int Quantity) : InventoryItemSignal
{
    public override Rejection? Validate() => SignalValidation.Quantity(Quantity);
}
