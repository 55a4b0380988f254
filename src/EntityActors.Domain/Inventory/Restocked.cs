namespace EntityActors.Domain.Inventory;

public sealed record Restocked(int Quantity) : InventoryItemEvent;
