namespace EntityActors.App.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Signal for {Entity} was not acknowledged")]
    public static partial void LogSignalNotAccepted(this ILogger logger, string entity, Exception exception);
}
