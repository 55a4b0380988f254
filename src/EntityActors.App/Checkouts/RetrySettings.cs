using Dapr.Workflow;

namespace EntityActors.App.Checkouts;

/// <summary>A retry policy as data, so it can travel in a workflow's input (workflows cannot read configuration).</summary>
public sealed record RetrySettings(int MaxAttempts, TimeSpan FirstRetry, double BackoffCoefficient, TimeSpan MaxRetry)
{
    public WorkflowTaskOptions ToTaskOptions() =>
        new(new WorkflowRetryPolicy(MaxAttempts, FirstRetry, BackoffCoefficient, MaxRetry));
}
