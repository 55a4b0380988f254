namespace EntityActors.App.Operations;

/// <summary>The answer to a bulk request: the operation's id, where to follow it, and how it was split.</summary>
public sealed record OperationAccepted(string OperationId, string Name, int Lines, int Chunks, string Status, bool Replayed, string Location);
