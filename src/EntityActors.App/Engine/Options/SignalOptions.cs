using System.ComponentModel.DataAnnotations;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;

namespace EntityActors.App.Engine.Options;

/// <summary>Tunables of signal intake (section <c>EntityActors:Signals</c>).</summary>
public sealed class SignalOptions
{
    public const string Section = "EntityActors:Signals";

    /// <summary>How long an idempotency key (and the outcome it maps to) is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most signals one actor call (and one workflow event) carries.</summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>
    /// Signals for an entity whose actor is active in this process go to it directly rather than through the
    /// sidecar, which placement would route straight back here. Only where the entity store refuses a second
    /// writer's envelopes atomically (see <see cref="InsertIfAbsentProbe"/>); elsewhere every call goes through the sidecar.
    /// </summary>
    public bool InProcessIntake { get; set; } = true;

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
    /// Resilience testing only: the first N raises to the workflow of each entity whose id starts with the key
    /// fail as if the sidecar were unreachable, so a lane gives up and the redelivery reminder must step in.
    /// Empty in production.
    /// </summary>
    public Dictionary<string, int> InjectRaiseFailures { get; set; } = [];

    /// <summary>
    /// First interval at which a waiting caller re-reads the entity's status; it grows by half each time up to
    /// <see cref="MaxPollInterval"/>. The <see cref="SignalPump"/> of an entity whose actor lives in this
    /// process wakes the caller as soon as it sees the signal applied, so this is the fallback for the others.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Longest interval between re-reads while waiting, for callers and for the signal pump.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How soon the <see cref="SignalPump"/> reads a workflow's status again when this process has just handed
    /// the sidecar a turn of it that the status does not show yet (the save follows the hand-over).
    /// </summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// First interval at which the <see cref="SignalPump"/> reads the status of a workflow it raised signals to
    /// when no turn of it was seen in this process (its worker may run in another replica); grows by half up to
    /// <see cref="MaxPollInterval"/> while nothing moves.
    /// </summary>
    public TimeSpan RelayFallbackInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a lane waits for a workflow that does not move before leaving it to the redelivery reminder.</summary>
    public TimeSpan RelayStallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most batches this replica's lanes have in flight to their workflows at once: raised and, where the workflow's
    /// worker runs in this replica, not applied yet (unset: one per two processors, at least 1). Under load, lanes wait
    /// for a slot while their entities' signals gather, so each raise and workflow turn carries more of them: fewer,
    /// larger turns for the same signals, and each turn costs the sidecar and its scheduler about the same whatever it
    /// carries. An idle replica never waits.
    /// </summary>
    [Range(1, 1_000)]
    public int? MaxRaisesInFlight { get; set; }

    /// <summary>The raise slots in effect: <see cref="MaxRaisesInFlight"/>, or one per two processors (at least 1).</summary>
    public int RaisesInFlight => MaxRaisesInFlight ?? Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a raise keeps its slot at most (from the raise until its batch is applied) before giving it up to other lanes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RaiseSlotHold { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive failed raises or relays before a lane leaves the entity to the redelivery reminder.</summary>
    [Range(1, 100)]
    public int RelayMaxAttempts { get; set; } = 8;

    /// <summary>
    /// Due time and period of the reminder an entity's actor holds while it has signals in flight: should this
    /// process die before they are raised and relayed, the reminder resumes them from the store. Removed once
    /// the entity is caught up.
    /// </summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
