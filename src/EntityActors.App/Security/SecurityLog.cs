namespace EntityActors.App.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Refused Dapr callback {Method} {Path}: app API token {TokenState}")]
    private static partial void LogCallbackRefused(this ILogger logger, string method, string path, string tokenState);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Refused {Method} {Path}: API key {KeyState}")]
    private static partial void LogApiKeyRefused(this ILogger logger, string method, string path, string keyState);

    public static void LogCallbackRefused(this ILogger logger, string method, PathString path, bool presented) =>
        logger.LogCallbackRefused(method, path.Value ?? string.Empty, presented ? "wrong" : "missing");

    public static void LogApiKeyRefused(this ILogger logger, string method, PathString path, bool presented) =>
        logger.LogApiKeyRefused(method, path.Value ?? string.Empty, presented ? "wrong" : "missing");
}
