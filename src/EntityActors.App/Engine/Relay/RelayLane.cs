using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// The state machine of one entity's relay, free of Dapr and threads: fed what the entity's single writer stored and
/// what its workflow applied, it says what to do next (<see cref="Next"/>). It publishes every decided signal's events
/// in sequence order, raises the envelopes to the workflow in batches with one batch in flight at a time (a batch
/// raised into a running episode would be folded into it, and its own wake-up would find an empty inbox), tells the
/// workflow in each batch how far it published, and stops once everything stored is published, raised and applied.
/// Not thread-safe: its runner (<see cref="SignalRelay"/>) serializes access.
/// </summary>
public sealed class RelayLane(EntityAddress address, RelayMarks start, RelayOptions options, DateTimeOffset now)
{
    private readonly SortedDictionary<long, SignalEnvelope> decided = [];
    private long knownDivergences = start.Divergences;
    private long loadedThrough;
    private DateTimeOffset lastProgress = now;
    private DateTimeOffset lastRead = now;
    private TimeSpan pollDelay = options.PollInterval;
    private bool readDue;
    private int failures;
    private DateTimeOffset retryAt;

    // When the oldest envelope not yet raised was accepted (by this lane); null while everything accepted is raised.
    private DateTimeOffset? lingerSince;

    // The workflow to schedule before anything is raised; null once it exists.
    private WorkflowStart? start;

    public EntityAddress Address { get; } = address;

    public EntityWorkflowSettings? Settings { get; private set; }

    /// <summary>Highest sequence the writer stored.</summary>
    public long AcceptedThrough { get; private set; } = Math.Max(start.Applied, start.Raised);

    /// <summary>Highest sequence whose events were published (contiguously).</summary>
    public long PublishedThrough { get; private set; } = start.Published;

    /// <summary>Highest sequence in the workflow's input, inbox or history.</summary>
    public long RaisedThrough { get; private set; } = start.Raised;

    /// <summary>Highest sequence the workflow was seen to have applied.</summary>
    public long AppliedThrough { get; private set; } = start.Applied;

    /// <summary>This process's worker hands the workflow's episodes to the sidecar: the lane hears of them without reading.</summary>
    public bool EpisodesSeenHere { get; private set; } = true;

    /// <summary>A batch is raised and not yet applied; the next waits for it.</summary>
    public bool InFlight => AppliedThrough < RaisedThrough;

    /// <summary>Its entity is being erased: the lane does nothing more (<see cref="Next"/> stops).</summary>
    public bool Dropped { get; private set; }

    public void Drop() => Dropped = true;

    public bool IsCaughtUp(long acceptedThrough) =>
        AppliedThrough >= acceptedThrough && PublishedThrough >= acceptedThrough && RaisedThrough >= acceptedThrough;

    /// <summary>The writer stored (and decided) <paramref name="envelopes"/>, up to <paramref name="acceptedThrough"/>.</summary>
    public void Accept(
        EntityWorkflowSettings settings, RelayMarks marks, IEnumerable<SignalEnvelope> envelopes, long acceptedThrough, DateTimeOffset now, WorkflowStart? startFirst = null)
    {
        start ??= startFirst;
        if (!InFlight && PublishedThrough >= AcceptedThrough)
        {
            // Idle until now: the stall clock starts with this work, not with the last.
            lastProgress = now;
        }

        Settings = settings;
        failures = 0;
        RaisedThrough = Math.Max(RaisedThrough, marks.Raised);
        AcceptedThrough = Math.Max(AcceptedThrough, acceptedThrough);
        foreach (var envelope in envelopes.Where(envelope => envelope.Sequence > Math.Min(PublishedThrough, RaisedThrough)))
        {
            decided[envelope.Sequence] = envelope;
            AcceptedThrough = Math.Max(AcceptedThrough, envelope.Sequence);
        }

        if (RaisedThrough < AcceptedThrough)
        {
            lingerSince ??= now;
        }
    }

    public RelayStep Next(DateTimeOffset now)
    {
        if (Dropped)
        {
            return new RelayStep.Stop();
        }

        if (failures >= options.MaxAttempts)
        {
            return new RelayStep.Stop($"{failures} attempts in a row failed");
        }

        if (failures > 0 && now < retryAt)
        {
            return new RelayStep.Wait(retryAt - now);
        }

        if (start is { } workflow)
        {
            return new RelayStep.Start(workflow);
        }

        if (PublishedThrough < AcceptedThrough)
        {
            return Take(PublishedThrough, int.MaxValue) is { } publish
                ? new RelayStep.Publish([.. publish.Select(AppliedSignal.From).OfType<AppliedSignal>()], Through(publish, PublishedThrough))
                : LoadFrom(PublishedThrough + 1);
        }

        if (!InFlight && RaisedThrough < AcceptedThrough && Settings is { } settings)
        {
            var lingered = now - (lingerSince ?? now);
            if (lingered < options.RaiseLinger && AcceptedThrough - RaisedThrough < options.MaxRaiseBatch)
            {
                return new RelayStep.Wait(options.RaiseLinger - lingered);
            }

            return Take(RaisedThrough, options.MaxRaiseBatch) is { } raise
                ? new RelayStep.Raise(new SignalBatch(raise, settings, PublishedThrough), Through(raise, RaisedThrough))
                : LoadFrom(RaisedThrough + 1);
        }

        if (!InFlight)
        {
            return new RelayStep.Stop();
        }

        if (now - lastProgress > options.StallTimeout)
        {
            var reason = $"the workflow has not moved past {AppliedThrough} (raised through {RaisedThrough}) for {options.StallTimeout}";
            // The raise may never be applied (one the sidecar took while the scheduler was away has no wake-up): when
            // resumed, the lane raises again from what was applied; the workflow drops what it already holds.
            RaisedThrough = AppliedThrough;
            lingerSince = now;
            lastProgress = now;
            return new RelayStep.Stop(reason);
        }

        var wait = (EpisodesSeenHere ? options.SafetyReadInterval : pollDelay) - (now - lastRead);
        if (readDue || wait <= TimeSpan.Zero)
        {
            readDue = false;
            return new RelayStep.ReadStatus();
        }

        return new RelayStep.Wait(wait);
    }

    /// <summary>The workflow exists now, holding what its input carried (nothing when another start won the race).</summary>
    public void Started(bool withInput)
    {
        if (withInput && start is { } workflow)
        {
            RaisedThrough = Math.Max(RaisedThrough, workflow.InputThrough);
        }

        start = null;
    }

    public void Published(long through)
    {
        PublishedThrough = Math.Max(PublishedThrough, through);
        Prune();
    }

    /// <summary>Envelopes read from the store up to <paramref name="through"/>; sequences missing there (expired) are skipped.</summary>
    public void Loaded(IEnumerable<SignalEnvelope> envelopes, long through)
    {
        foreach (var envelope in envelopes)
        {
            decided[envelope.Sequence] = envelope;
        }

        loadedThrough = Math.Max(loadedThrough, through);
    }

    /// <summary>The workflow holds everything through <paramref name="through"/>; what is left lingers afresh from <paramref name="now"/>.</summary>
    public void Raised(long through, DateTimeOffset now)
    {
        RaisedThrough = Math.Max(RaisedThrough, through);
        lingerSince = RaisedThrough < AcceptedThrough ? now : null;
        // Nothing to read before the workflow had a chance to take the batch: the next read is due a full interval on.
        lastRead = now;
        Prune();
    }

    /// <summary>The workflow applied through <paramref name="progress"/>; true when it reports divergences not seen before.</summary>
    public bool Observed(WorkflowProgress progress, bool seenHere, DateTimeOffset now)
    {
        lastRead = now;
        EpisodesSeenHere = seenHere;
        if (progress.Sequence > AppliedThrough)
        {
            AppliedThrough = progress.Sequence;
            RaisedThrough = Math.Max(RaisedThrough, AppliedThrough);
            AcceptedThrough = Math.Max(AcceptedThrough, AppliedThrough);
            lingerSince = RaisedThrough < AcceptedThrough ? lingerSince : null;
            lastProgress = now;
            pollDelay = options.PollInterval;
        }
        else if (!seenHere)
        {
            pollDelay = TimeSpan.FromTicks(Math.Min((long)(pollDelay.Ticks * 1.5), options.MaxPollInterval.Ticks));
        }

        Prune();
        var diverged = progress.Divergences > knownDivergences;
        knownDivergences = Math.Max(knownDivergences, progress.Divergences);
        return diverged;
    }

    /// <summary>A wait ran out without news: read the status before waiting again.</summary>
    public void TimedOut() => readDue = InFlight;

    public void Succeeded() => failures = 0;

    public void Failed(DateTimeOffset now)
    {
        failures++;
        readDue = true;
        retryAt = now + TimeSpan.FromMilliseconds(100 * Math.Pow(2, failures - 1));
    }

    /// <summary>The envelopes after <paramref name="after"/> in a row (at most <paramref name="max"/>); null when the first must be loaded.</summary>
    private List<SignalEnvelope>? Take(long after, int max)
    {
        var taken = new List<SignalEnvelope>();
        for (var sequence = after + 1; sequence <= AcceptedThrough && taken.Count < max; sequence++)
        {
            if (decided.TryGetValue(sequence, out var envelope))
            {
                taken.Add(envelope);
            }
            else if (sequence > loadedThrough)
            {
                break;
            }
        }

        return taken.Count == 0 && !(loadedThrough > after) ? null : taken;
    }

    // Nothing taken: every sequence up to what was loaded is missing from the store (expired), so it is passed over.
    private long Through(List<SignalEnvelope> taken, long after) =>
        taken.Count > 0 ? taken[^1].Sequence : Math.Max(after + 1, Math.Min(loadedThrough, AcceptedThrough));

    private RelayStep.Load LoadFrom(long from)
    {
        var to = decided.Keys.FirstOrDefault(sequence => sequence > from) is var next and > 0 ? next - 1 : AcceptedThrough;
        return new RelayStep.Load(from, Math.Max(from, to));
    }

    private void Prune()
    {
        var done = Math.Min(PublishedThrough, RaisedThrough);
        foreach (var sequence in decided.Keys.TakeWhile(sequence => sequence <= done).ToList())
        {
            decided.Remove(sequence);
        }
    }
}
