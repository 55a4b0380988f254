namespace EntityActors.Domain.Inventory;

/// <summary><see cref="Quantity"/> units left the stock for good.</summary>
public sealed record ReservationCommitted(string ReservationId, int Quantity) : InventoryItemEvent;
