using System.Text.Json.Serialization;

namespace EntityActors.Domain.Inventory;

/// <summary>What happened to an inventory item.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Restocked), "restocked")]
[JsonDerivedType(typeof(StockReserved), "stock-reserved")]
[JsonDerivedType(typeof(ReservationReleased), "reservation-released")]
[JsonDerivedType(typeof(ReservationCommitted), "reservation-committed")]
[JsonDerivedType(typeof(StockAdjusted), "stock-adjusted")]
public abstract record InventoryItemEvent
{
    private protected InventoryItemEvent()
    {
    }
}
