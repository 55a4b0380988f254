namespace EntityActors.Bench.Restate;

/// <summary>What the bench reads of an inventory item on Restate: the same counters as the product's (one per restock of 1).</summary>
public sealed record RestateView(long Sequence, long Version, long OnHand);
