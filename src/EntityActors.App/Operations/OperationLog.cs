namespace EntityActors.App.Operations;

internal static partial class OperationLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Operation {OperationId} ({Name}) started: {Lines} lines in {Chunks} chunks")]
    public static partial void LogOperationStarted(this ILogger logger, string operationId, string name, int lines, int chunks);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Operation {OperationId}: chunk {Chunk} failed, its lines count as failed: {Error}")]
    public static partial void LogChunkFailed(this ILogger logger, string operationId, int chunk, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Operation {OperationId}: line {Line} for {EntityId} could not be confirmed: {Error}")]
    public static partial void LogLineUnconfirmed(this ILogger logger, string operationId, int line, string entityId, string error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Operation {OperationId}: lines {First}-{Last} sent, {Done} applied, {Failed} failed")]
    public static partial void LogSliceApplied(this ILogger logger, string operationId, int first, int last, int done, int failed);
}
