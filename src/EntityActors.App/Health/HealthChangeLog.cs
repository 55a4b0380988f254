using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>
/// Decides which health reports of one endpoint deserve a log line. The probes ask every second or so, and the framework
/// logged every failing check of every answer; what an operator needs is the change (what turned, and why), and a
/// reminder now and then while a failure lasts. Plain state, no clock or logger of its own: the caller serializes.
/// </summary>
public sealed class HealthChangeLog(TimeSpan lastingFailureInterval)
{
    private string? lastKey;
    private bool wasHealthy;
    private DateTimeOffset since;
    private DateTimeOffset lastLogged;

    /// <param name="stopping">The replica is draining on its way out: failing is what it should do, no warning.</param>
    /// <returns>What to log about <paramref name="report"/>, or null for nothing.</returns>
    public HealthChange? Observe(HealthReport report, DateTimeOffset now, bool stopping)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
        var key = $"{report.Status}|{string.Join(',', failing.Select(entry => entry.Key))}";
        var reasons = string.Join("; ", failing.Select(entry => Reason(entry.Key, entry.Value)));
        var healthy = report.Status == HealthStatus.Healthy;
        var warning = stopping ? LogLevel.Information : LogLevel.Warning;
        var previous = lastKey;
        if (key == previous)
        {
            if (healthy || now - lastLogged < lastingFailureInterval)
            {
                return null;
            }

            lastLogged = now;
            return new HealthChange(HealthChangeKind.Lasting, warning, report.Status, now - since, reasons);
        }

        var lasted = now - since;
        var stillFailing = previous is not null && !healthy && !wasHealthy;
        lastKey = key;
        wasHealthy = healthy;
        lastLogged = now;
        since = stillFailing ? since : now;
        return previous is null ? new HealthChange(HealthChangeKind.First, LogLevel.Information, report.Status, TimeSpan.Zero, reasons)
            : healthy ? new HealthChange(HealthChangeKind.Recovered, LogLevel.Information, report.Status, lasted, reasons)
            : stillFailing ? new HealthChange(HealthChangeKind.FailingChanged, warning, report.Status, lasted, reasons)
            : new HealthChange(HealthChangeKind.Turned, warning, report.Status, TimeSpan.Zero, reasons);
    }

    private static string Reason(string name, HealthReportEntry entry) =>
        entry.Exception is { } exception && entry.Description != exception.Message
            ? $"{name}: {entry.Description} ({exception.GetType().Name}: {exception.Message})"
            : $"{name}: {entry.Description}";
}
