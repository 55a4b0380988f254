namespace EntityActors.Domain.Inventory;

/// <summary>Carries the released quantity so the event reads on its own.</summary>
public sealed record ReservationReleased(string ReservationId, int Quantity) : InventoryItemEvent;
