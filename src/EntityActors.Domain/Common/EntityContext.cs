namespace EntityActors.Domain.Common;

/// <summary>What a decision may know besides state and signal: whose entity it is and the (deterministic) time.</summary>
public sealed record EntityContext(string EntityId, DateTimeOffset Now);
