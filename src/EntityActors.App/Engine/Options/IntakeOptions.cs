using System.ComponentModel.DataAnnotations;
using EntityActors.App.Engine.Store;

namespace EntityActors.App.Engine.Options;

/// <summary>How signals are taken in (section <c>EntityActors:Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string Section = "EntityActors:Intake";

    /// <summary>How long an idempotency key (and the outcome it maps to) and a signal's stored record are kept.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most signals one turn of an entity's single writer takes.</summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Largest accepted signal body.</summary>
    [Range(16, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Signals for an entity whose actor is active in this process go to it directly rather than through the
    /// sidecar, which placement would route straight back here. Only where the entity store refuses a second
    /// writer's records atomically (see <see cref="InsertIfAbsentProbe"/>); elsewhere every call goes through the sidecar.
    /// </summary>
    public bool InProcessIntake { get; set; } = true;

    /// <summary>
    /// Due time and period of the reminder an entity's actor holds while it has signals the relay has not seen
    /// through: should this process die first, the reminder resumes them from the store. Removed once caught up.
    /// </summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an entity whose relay has seen everything through must take no new signal before its actor removes its
    /// redelivery reminder itself. Left to the reminder, the removal waits for its next firing, which costs a scheduler
    /// trigger, a call from the sidecar, a turn and a read of the workflow on top of the removal; most entities go quiet
    /// after a burst. Zero leaves it to the reminder.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RedeliveryRemovalWhenQuiet { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the first store of an activation waits for its redelivery reminder to be registered. Past it (the
    /// scheduler out of reach, e.g. restarting) the signals are stored and answered anyway while registration is retried
    /// in the background: until it succeeds, only the relay carries them on, and should this process die first they wait
    /// for the entity's next signal or read (deploy/README.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RedeliveryRegistrationWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest an intake waits for the entity's single writer to answer (in process or through the sidecar) before the
    /// caller is told to retry (503, Retry-After): a writer in a dead process or behind a hung hop must not hold clients.
    /// Shorter than the common 5 s client timeout, so a client hears "retry" rather than nothing while an entity moves
    /// between replicas; a writer still activating goes on and takes the retry (same Idempotency-Key) when it comes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WriterCallTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a writer call may go unanswered before the same call is made again alongside it (its signals' keys make
    /// the second harmless); whichever answers first is the answer. Cuts what a sidecar holding a call for an actor it
    /// just gave up (an app crashed behind a live sidecar) costs clients, from <see cref="WriterCallTimeout"/> to this.
    /// Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WriterCallHedgeAfter { get; set; } = TimeSpan.FromSeconds(1);
}
