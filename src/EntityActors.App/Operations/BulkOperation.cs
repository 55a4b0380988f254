namespace EntityActors.App.Operations;

/// <summary>
/// What an operation does: send <see cref="Signal"/> to one <see cref="EntityKind"/> entity per line. The lines
/// themselves are stored by chunk (<see cref="OperationStore"/>), so no workflow history carries them all.
/// </summary>
/// <param name="Name">What the operation is called in its status (<c>restock</c>, <c>expire-idle-carts</c>).</param>
/// <param name="Guard">What a line's target must satisfy before it is signalled; unmet, the line fails with the guard's reason.</param>
/// <param name="BodyHash">Hash of the request's lines: the same idempotency key with other lines is refused.</param>
public sealed record BulkOperation(
    string OperationId,
    string Name,
    string EntityKind,
    string Signal,
    int Lines,
    LineGuard Guard,
    string BodyHash,
    DateTimeOffset RequestedAt,
    OperationSettings Settings)
{
    public int Chunks => OperationChunks.Count(Lines, Settings.ChunkLines);

    /// <summary>Workflow instance id of an operation; the <c>operations-</c> prefix keeps it apart from entities and checkouts.</summary>
    public static string InstanceIdFor(string operationId) => $"operations-{operationId}";

    public string InstanceId => InstanceIdFor(OperationId);

    public string ChunkInstanceId(int chunk) => $"{InstanceId}-chunk-{chunk}";

    /// <summary>One key per operation and line: a retried child or activity sends each line as a duplicate of itself.</summary>
    public string IdempotencyKey(int line) => $"{OperationId}:{line}";
}
