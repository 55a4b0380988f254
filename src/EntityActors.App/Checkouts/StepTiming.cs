namespace EntityActors.App.Checkouts;

/// <summary>When a checkout step began and ended (workflow time).</summary>
public sealed record StepTiming(string Step, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public double? Milliseconds => FinishedAt is { } end ? (end - StartedAt).TotalMilliseconds : null;
}
