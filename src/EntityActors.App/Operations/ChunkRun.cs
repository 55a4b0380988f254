namespace EntityActors.App.Operations;

/// <summary>The input of one <see cref="OperationChunkWorkflow"/>: an operation's chunk.</summary>
public sealed record ChunkRun(BulkOperation Operation, int Chunk);
