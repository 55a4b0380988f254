using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Health;

/// <summary>What <see cref="HealthChangeLog"/> found worth a log line in a health report.</summary>
/// <param name="Level">Warning when it turned or stays unhealthy; Information for the first report, a recovery, or a stopping replica.</param>
/// <param name="Lasted">How long the previous state (for a recovery) or the current failure (for a lasting one) has lasted.</param>
/// <param name="Failing">The failing checks, each with why (<c>name: description</c>); empty when healthy.</param>
public sealed record HealthChange(HealthChangeKind Kind, LogLevel Level, HealthStatus Status, TimeSpan Lasted, string Failing);

/// <summary>Why a report is logged.</summary>
public enum HealthChangeKind
{
    /// <summary>The first report since the app started.</summary>
    First,

    /// <summary>It was healthy and is not.</summary>
    Turned,

    /// <summary>Still failing, but other checks fail than before (more, fewer, or others).</summary>
    FailingChanged,

    /// <summary>Healthy again.</summary>
    Recovered,

    /// <summary>The same failure, still there a log interval after it was last logged.</summary>
    Lasting,
}
