namespace EntityActors.App.Engine.Relay;

/// <summary>Where a new lane starts: what its entity's workflow applied, holds, and knows published, and its divergences so far.</summary>
public sealed record RelayMarks(long Applied, long Raised, long Published, long Divergences = 0);
