using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Logging scopes that put the entity and the signals on every log record written inside them (as attributes of
/// an OpenTelemetry log record, or in a console formatter's scope list): <c>EntityKind</c>, <c>EntityId</c> and,
/// once the actor gave them out, <c>SignalId</c> (comma-separated when a batch holds several).
/// </summary>
public static class EntityLogScope
{
    public static IDisposable? BeginEntity(this ILogger logger, EntityAddress address) =>
        logger.BeginScope(new Dictionary<string, object?>
        {
            ["EntityKind"] = address.Kind,
            ["EntityId"] = address.Id,
        });

    public static IDisposable? BeginSignals(this ILogger logger, EntityAddress address, IEnumerable<string> signalIds) =>
        logger.BeginScope(new Dictionary<string, object?>
        {
            ["EntityKind"] = address.Kind,
            ["EntityId"] = address.Id,
            ["SignalId"] = string.Join(',', signalIds),
        });
}
