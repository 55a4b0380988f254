namespace EntityActors.Bench.Product;

/// <summary>What the bench reads of an inventory item: its counters and units on hand (one per applied restock of 1).</summary>
public sealed record ProductView(long Sequence, long Version, long OnHand);
