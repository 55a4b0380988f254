using System.Collections.Immutable;

namespace EntityActors.App.Payments;

/// <summary>
/// The watchdog's view of a long capture, as a value the workflow folds events into: heartbeats move the progress,
/// a silence (no heartbeat within the timeout) or a failed attempt ends the attempt and either starts the next one
/// after the last reported part or gives up once the attempts are spent. Pure: no clock, no I/O.
/// </summary>
public sealed record CaptureWatch(int Parts, int MaxAttempts, int Progress, ImmutableList<CaptureAttempt> Attempts, bool GaveUp = false)
{
    public static CaptureWatch Start(int parts, int maxAttempts) => new(parts, maxAttempts, 0, [new CaptureAttempt(1, 1)]);

    public int Attempt => Attempts.Count;

    public int NextPart => Math.Min(Progress + 1, Parts);

    public bool Complete => Progress >= Parts;

    /// <summary>Progress only grows: a late heartbeat from an earlier attempt reports what the gateway really captured.</summary>
    public CaptureWatch OnHeartbeat(int progress) => progress > Progress ? this with { Progress = Math.Min(progress, Parts) } : this;

    public CaptureWatch OnCompleted(int captured) =>
        (this with { Progress = Math.Max(Progress, Math.Min(captured, Parts)) }).EndAttempt("completed");

    /// <summary>The current attempt went silent or failed: retry after the last reported part, or give up.</summary>
    public CaptureWatch OnStalled(string why)
    {
        var ended = EndAttempt(why);
        return Attempt >= MaxAttempts
            ? ended with { GaveUp = true }
            : ended with { Attempts = ended.Attempts.Add(new CaptureAttempt(Attempt + 1, NextPart)) };
    }

    private CaptureWatch EndAttempt(string why) =>
        this with { Attempts = Attempts.SetItem(Attempts.Count - 1, Attempts[^1] with { EndedBy = why }) };
}
