namespace EntityActors.Bench.Product;

/// <summary>The answer to a signal: 202 (stored, queued) or 200 (applied; <see cref="Applied"/> set).</summary>
/// <param name="Attempts">1 unless the product answered 503 and the same idempotency key was sent again.</param>
public sealed record ProductAck(long Sequence, ProductView? Applied, int Attempts);
