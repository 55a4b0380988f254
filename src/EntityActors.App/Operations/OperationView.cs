namespace EntityActors.App.Operations;

/// <summary>What an operation's parent workflow publishes as its custom status after every finished chunk.</summary>
public sealed record OperationView(
    string OperationId,
    string Name,
    string EntityKind,
    string Status,
    OperationProgress Progress,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt)
{
    public static OperationView Of(OperationRun run, DateTimeOffset? finishedAt = null) =>
        new(
            run.Operation.OperationId,
            run.Operation.Name,
            run.Operation.EntityKind,
            finishedAt is null ? OperationStatuses.Running : OperationStatuses.Completed,
            run.Progress,
            run.Operation.RequestedAt,
            finishedAt);
}
