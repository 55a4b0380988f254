namespace EntityActors.Domain.Inventory;

public sealed record StockReserved(string ReservationId, int Quantity) : InventoryItemEvent;
