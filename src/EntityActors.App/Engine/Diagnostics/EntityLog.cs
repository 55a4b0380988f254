namespace EntityActors.App.Engine.Diagnostics;

internal static partial class EntityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error,
        Message = "Outcomes of {Kind}/{EntityId} could not be recorded or published after all retries: {Error}")]
    public static partial void LogOutcomesNotRecorded(this ILogger logger, string kind, string entityId, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error,
        Message = "Idle signal of {Kind}/{EntityId} could not be sent: {Error}")]
    public static partial void LogIdleSignalNotSent(this ILogger logger, string kind, string entityId, string error);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Started entity workflow {InstanceId}")]
    public static partial void LogWorkflowStarted(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Redelivering {Count} signals of {InstanceId} from sequence {From}")]
    public static partial void LogRedelivering(this ILogger logger, string instanceId, int count, long from);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Redelivery reminder of {InstanceId} resumes its signals up to sequence {Sequence}")]
    public static partial void LogRedeliveryResumed(this ILogger logger, string instanceId, long sequence);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug,
        Message = "Recorded {Count} outcomes, {AcceptedCount} accepted")]
    public static partial void LogOutcomesRecorded(this ILogger logger, int count, int acceptedCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug,
        Message = "Accepted {Count} signals for {InstanceId}, sequence up to {Sequence}")]
    public static partial void LogAccepted(this ILogger logger, string instanceId, int count, long sequence);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Could not remove the redelivery reminder of {InstanceId} as its actor deactivated; it will find the entity caught up and remove itself")]
    public static partial void LogReminderNotRemoved(this ILogger logger, Exception exception, string instanceId);
}
