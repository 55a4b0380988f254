using System.ComponentModel.DataAnnotations;
using EntityActors.App.Checkouts;

namespace EntityActors.App.Operations;

/// <summary>Tunables of bulk operations (section <c>EntityActors:Operations</c>).</summary>
public sealed class OperationOptions
{
    public const string Section = "EntityActors:Operations";

    /// <summary>Most lines one bulk request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxLines { get; set; } = 10_000;

    /// <summary>Largest accepted bulk request body.</summary>
    [Range(1_024, 64 * 1_024 * 1_024)]
    public int MaxBodyBytes { get; set; } = 2 * 1_024 * 1_024;

    /// <summary>Lines per child workflow: the unit the parent fans out, retries and counts.</summary>
    [Range(1, 10_000)]
    public int ChunkLines { get; set; } = 100;

    /// <summary>Lines one activity call sends and waits for; a child runs its slices side by side.</summary>
    [Range(1, 10_000)]
    public int LinesPerActivity { get; set; } = 50;

    /// <summary>Children the parent keeps running at once.</summary>
    [Range(1, 100)]
    public int MaxChildrenInFlight { get; set; } = 10;

    /// <summary>Children the parent starts before it continues as new (bounds its history).</summary>
    [Range(1, 10_000)]
    public int ChildrenPerGeneration { get; set; } = 50;

    /// <summary>Most line failures one <c>GET /operations/{id}</c> returns; the rest are a page further.</summary>
    [Range(1, 10_000)]
    public int FailuresPageSize { get; set; } = 100;

    /// <summary>How long an operation's stored lines and failures are kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Retries of one slice's activity (sending is idempotent per line, so a retry applies nothing twice).</summary>
    public RetryOptions ActivityRetry { get; set; } = new() { MaxAttempts = 10, MaxRetry = TimeSpan.FromSeconds(30) };

    public OperationSettings ToSettings() =>
        new(ChunkLines, LinesPerActivity, MaxChildrenInFlight, ChildrenPerGeneration, ActivityRetry.ToSettings());
}
