namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The actor's own record of an entity: the next sequence number to hand out. Where envelopes are written
/// insert-if-absent it is a checkpoint, written every few sequences; the envelopes stored after it say the rest.
/// </summary>
public sealed record EntityHead(long NextSequence, DateTimeOffset CreatedAt);
