namespace EntityActors.App.Entities;

/// <summary>The actor's own record of an entity: the next sequence number to hand out.</summary>
public sealed record EntityHead(long NextSequence, DateTimeOffset CreatedAt);
