using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Engine.Options;

/// <summary>How decided signals travel on to the entity's workflow and subscribers (section <c>EntityActors:Relay</c>).</summary>
public sealed class RelayOptions
{
    public const string Section = "EntityActors:Relay";

    /// <summary>Most envelopes one raised event carries to a workflow; a lane that has this many raises them at once.</summary>
    [Range(1, 1_000)]
    public int MaxRaiseBatch { get; set; } = 128;

    /// <summary>
    /// How long a lane lets decided envelopes gather before it raises them to the workflow (unless a full batch is
    /// ready sooner). Nothing waits for the workflow (answers and reads come from the single writer, events leave
    /// before the raise), and every raise costs the sidecar and its scheduler about the same whatever it carries: a
    /// longer linger means fewer, larger workflow episodes, and a workflow that lags its writer by at most this long
    /// (docs/benchmark.md has the A/B of 500 ms against 2 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RaiseLinger { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the first domain events handed to the sidecar wait for other entities' before they are published together
    /// in one bulk request (zero: at once). A lane publishes again only once its last publish is done, so this is also
    /// how often, at most, each busy entity publishes and refreshes its read-model row: every sidecar call and every
    /// row refresh costs about the same whatever it carries. Subscribers and the read model see a change later by at
    /// most this long (docs/benchmark.md has the A/B of 25 ms against 200 ms).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan PublishLinger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// First interval at which a lane reads the status of a workflow whose episodes are not seen in this process
    /// (its worker runs in another replica); grows by half up to <see cref="MaxPollInterval"/> while nothing moves.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Where this process hands the workflow's episodes to the sidecar the lane hears of them at once; it still reads
    /// the status after this long without news, as a safety net.
    /// </summary>
    public TimeSpan SafetyReadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lane waits for a workflow that does not move before leaving it to the redelivery reminder.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed raises, publishes or reads before a lane leaves the entity to the redelivery reminder.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Most batches this replica's lanes have in flight to their workflows at once (unset: one per two processors, at
    /// least 1). Lanes waiting for a slot keep gathering their entities' signals, so under load each raise and workflow
    /// episode carries more of them; an idle replica never waits.
    /// </summary>
    [Range(1, 1_000)]
    public int? MaxRaisesInFlight { get; set; }

    /// <summary>The raise slots in effect: <see cref="MaxRaisesInFlight"/>, or one per two processors (at least 1).</summary>
    public int RaisesInFlight => MaxRaisesInFlight ?? Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a raise keeps its slot at most (from the raise until its batch is applied) before giving it up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RaiseSlotHold { get; set; } = TimeSpan.FromMilliseconds(250);
}
