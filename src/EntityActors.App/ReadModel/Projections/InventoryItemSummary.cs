namespace EntityActors.App.ReadModel.Projections;

/// <summary>An inventory item at a glance.</summary>
public sealed record InventoryItemSummary(int OnHand, int Reserved, int Available);
