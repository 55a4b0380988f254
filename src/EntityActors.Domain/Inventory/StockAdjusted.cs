namespace EntityActors.Domain.Inventory;

public sealed record StockAdjusted(int Delta, string Reason) : InventoryItemEvent;
