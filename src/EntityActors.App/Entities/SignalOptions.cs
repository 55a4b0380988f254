using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Entities;

/// <summary>Tunables of signal intake (section <c>EntityActors:Signals</c>).</summary>
public sealed class SignalOptions
{
    public const string Section = "EntityActors:Signals";

    /// <summary>How long an idempotency key (and the outcome it maps to) is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most signals one actor call (and one workflow event) carries.</summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Largest accepted signal body.</summary>
    [Range(16, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Longest a caller may ask to wait for an outcome or a version.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a workflow step that signals an entity waits for the answer before the attempt fails.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Resilience testing only: the first N attempts of a workflow step sending the named signal (e.g.
    /// <c>place-hold</c>, or <c>place-hold@flaky-</c> for entity ids starting with <c>flaky-</c>) fail as if
    /// the network had. Empty in production.
    /// </summary>
    public Dictionary<string, int> InjectTransientFailures { get; set; } = [];

    /// <summary>
    /// First interval at which a waiting caller re-reads the entity's status; it grows by half each time up to
    /// <see cref="MaxPollInterval"/>. Progress reported in this process wakes the caller at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Longest interval between re-reads while waiting.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
