using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Diagnostics;

internal static partial class EntityLog
{
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
        Message = "Published what {Count} signals did, {AcceptedCount} accepted")]
    public static partial void LogPublished(this ILogger logger, int count, int acceptedCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug,
        Message = "Accepted {Count} signals for {InstanceId}, sequence up to {Sequence}")]
    public static partial void LogAccepted(this ILogger logger, string instanceId, int count, long sequence);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Could not remove the redelivery reminder of {InstanceId} {Occasion}; it will find the entity caught up and remove itself")]
    public static partial void LogReminderNotRemoved(this ILogger logger, Exception exception, string instanceId, string occasion);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Debug,
        Message = "Removed the redelivery reminder of {InstanceId}: caught up through sequence {Sequence} and quiet")]
    public static partial void LogRedeliveryRemovedWhenQuiet(this ILogger logger, string instanceId, long sequence);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error,
        Message = "Workflow {InstanceId} decided signal {Sequence} otherwise than its writer did at intake: {AtIntake} there, {InWorkflow} here (events differ: {EventsDiffer}); the workflow's outcome stands")]
    public static partial void LogDivergence(this ILogger logger, string instanceId, long sequence, SignalOutcome atIntake, SignalOutcome inWorkflow, bool eventsDiffer);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error,
        Message = "Entity {InstanceId} diverged: signal {Sequence} was answered {AtIntake} at intake but decided {Now} now; its writer reloads from the workflow")]
    public static partial void LogWriterDiverged(this ILogger logger, string instanceId, long sequence, SignalOutcome atIntake, SignalOutcome now);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning,
        Message = "The redelivery reminder of {InstanceId} could not be registered yet (scheduler out of reach?); signals are answered meanwhile and registration is retried in the background")]
    public static partial void LogRedeliveryRegistrationDeferred(this ILogger logger, Exception? exception, string instanceId);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information,
        Message = "The redelivery reminder of {InstanceId} is registered after {Attempts} attempts")]
    public static partial void LogRedeliveryRegistered(this ILogger logger, string instanceId, int attempts);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Warning,
        Message = "Slow turn of {InstanceId}: load {LoadMs:0} ms, store {StoreMs:0} ms, hand-over and answer {HandOverMs:0} ms")]
    public static partial void LogSlowTurn(this ILogger logger, string instanceId, double loadMs, double storeMs, double handOverMs);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning,
        Message = "Reading the workflow of {InstanceId} to load its writer took {Ms:0} ms")]
    public static partial void LogSlowWorkflowRead(this ILogger logger, string instanceId, double ms);
}
