namespace EntityActors.App.Engine.Relay;

/// <summary>
/// A <see cref="RelayLane"/> as <see cref="SignalRelay"/> runs it: the lane, its runner, and the signals its runner
/// waits on. Guarded by locking the handle itself.
/// </summary>
internal sealed class LaneHandle(RelayLane lane)
{
    private TaskCompletionSource woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? applied;

    public RelayLane Lane { get; } = lane;

    public Task? Running { get; set; }

    /// <summary>The entity's writer deactivated here; the lane goes once its work is done.</summary>
    public bool Retired { get; set; }

    /// <summary>No longer in the relay's lanes; whoever finds it must look the entity up again.</summary>
    public bool Removed { get; set; }

    /// <summary>Completes once the batch in flight is applied (or the lane stops). Called with the handle locked.</summary>
    public Task AppliedAsync() =>
        Lane.InFlight ? (applied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;

    /// <summary>Completes what <see cref="AppliedAsync"/> gave out. Called with the handle locked.</summary>
    public void ReportApplied()
    {
        applied?.TrySetResult();
        applied = null;
    }

    /// <summary>Ends the current <see cref="WaitAsync"/> early. Called with the handle locked.</summary>
    public void Wake() => woken.TrySetResult();

    /// <summary>Waits for <see cref="Wake"/> or the timeout; true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signal;
        lock (this)
        {
            signal = woken.Task;
        }

        await Task.WhenAny(signal, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        lock (this)
        {
            if (!woken.Task.IsCompleted)
            {
                return false;
            }

            woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
