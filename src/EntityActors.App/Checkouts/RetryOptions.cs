using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Checkouts;

/// <summary>One activity's retry policy in configuration: initial interval, backoff, max interval, max attempts.</summary>
public sealed class RetryOptions
{
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2.0;

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromSeconds(10);

    public RetrySettings ToSettings() => new(MaxAttempts, FirstRetry, BackoffCoefficient, MaxRetry);
}
