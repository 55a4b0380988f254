namespace EntityActors.App.Subscriptions;

internal static partial class SubscriptionLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Dropped a message on the signals topic: {Reason}")]
    public static partial void LogSubscriptionDrop(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Signal for {Kind}/{EntityId} from pub/sub not accepted; asking for redelivery")]
    public static partial void LogSubscriptionRetry(this ILogger logger, string kind, string entityId, Exception exception);
}
