namespace EntityActors.App.Operations;

/// <summary>The input of each generation of <see cref="BulkOperationWorkflow"/>: the operation, its progress, the next chunk to start.</summary>
public sealed record OperationRun(BulkOperation Operation, OperationProgress Progress, int NextChunk)
{
    public static OperationRun Start(BulkOperation operation) =>
        new(operation, OperationProgress.Start(operation.Lines, operation.Chunks), 0);
}
