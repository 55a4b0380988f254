namespace EntityActors.App.Operations;

/// <summary><c>GET /operations/{id}</c>: status, counts, and one page of line failures (<see cref="NextFailures"/> for the next).</summary>
public sealed record OperationStatus(
    string OperationId,
    string Name,
    string EntityKind,
    string Status,
    int Total,
    int Done,
    int Failed,
    int Pending,
    int Chunks,
    int ChunksFinished,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<LineFailure> Failures,
    string? NextFailures);
