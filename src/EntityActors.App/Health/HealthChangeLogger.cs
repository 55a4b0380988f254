using EntityActors.App.Hosting.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

/// <summary>
/// Logs what the health endpoints answer when it changes (one <see cref="HealthChangeLog"/> per endpoint), in place of
/// the framework's line per failing check per probe.
/// </summary>
public sealed partial class HealthChangeLogger(TimeProvider time, ShutdownDrain drain, IOptions<HealthOptions> options, ILogger<HealthChangeLogger> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HealthChangeLog> logs = new(StringComparer.Ordinal);

    /// <param name="endpoint">What the report answers: <c>readiness</c> or <c>liveness</c>.</param>
    public void Observe(string endpoint, HealthReport report)
    {
        HealthChange? change;
        lock (gate)
        {
            if (!logs.TryGetValue(endpoint, out var log))
            {
                logs[endpoint] = log = new HealthChangeLog(options.Value.LastingFailureLogInterval);
            }

            change = log.Observe(report, time.GetUtcNow(), drain.IsDraining);
        }

        switch (change)
        {
            case { Kind: HealthChangeKind.First, Status: HealthStatus.Healthy }:
                LogFirstHealthy(logger, endpoint);
                break;
            case { Kind: HealthChangeKind.First }:
                LogFirstFailing(logger, endpoint, change.Status, change.Failing);
                break;
            case { Kind: HealthChangeKind.Turned }:
                LogTurned(logger, change.Level, endpoint, change.Status, change.Failing);
                break;
            case { Kind: HealthChangeKind.FailingChanged }:
                LogFailingChanged(logger, change.Level, endpoint, change.Status, change.Lasted.TotalSeconds, change.Failing);
                break;
            case { Kind: HealthChangeKind.Recovered }:
                LogRecovered(logger, endpoint, change.Lasted.TotalSeconds);
                break;
            case { Kind: HealthChangeKind.Lasting }:
                LogLasting(logger, change.Level, endpoint, change.Status, change.Lasted.TotalSeconds, change.Failing);
                break;
        }
    }

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "{Endpoint} is Healthy")]
    private static partial void LogFirstHealthy(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "{Endpoint} is {Status} (starting): {Failing}")]
    private static partial void LogFirstFailing(ILogger logger, string endpoint, HealthStatus status, string failing);

    [LoggerMessage(EventId = 1513, Message = "{Endpoint} turned {Status}: {Failing}")]
    private static partial void LogTurned(ILogger logger, LogLevel level, string endpoint, HealthStatus status, string failing);

    [LoggerMessage(EventId = 1516, Message = "{Endpoint} is still {Status} ({Seconds:0.#} s), other checks failing now: {Failing}")]
    private static partial void LogFailingChanged(ILogger logger, LogLevel level, string endpoint, HealthStatus status, double seconds, string failing);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Information, Message = "{Endpoint} is Healthy again after {Seconds:0.#} s")]
    private static partial void LogRecovered(ILogger logger, string endpoint, double seconds);

    [LoggerMessage(EventId = 1515, Message = "{Endpoint} has been {Status} for {Seconds:0} s: {Failing}")]
    private static partial void LogLasting(ILogger logger, LogLevel level, string endpoint, HealthStatus status, double seconds, string failing);
}
