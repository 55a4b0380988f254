using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>Corrects the stock count (stocktake, damage) by <see cref="Delta"/> units, with a reason for the record.</summary>
public sealed record AdjustStock(int Delta, string Reason) : InventoryItemSignal
{
    public override Rejection? Validate() =>
        Delta == 0 || Math.Abs((long)Delta) > SignalValidation.MaxQuantity
            ? Rejection.Invalid("invalid-delta", $"delta must be non-zero and at most {SignalValidation.MaxQuantity} either way, got {Delta}.")
            : TextValidation.Text(Reason, "reason");
}
