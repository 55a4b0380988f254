namespace EntityActors.LocalRuntime.Supervision;

/// <summary>
/// How a process that exits on its own is started again, as a kubelet restarts a pod's container: after
/// <see cref="InitialDelay"/>, doubling with every exit in a row up to <see cref="MaxDelay"/>, back to the start once a
/// process has run for <see cref="ResetAfter"/>.
/// </summary>
public sealed record ProcessRestartOptions
{
    /// <summary>The wait before the first restart.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, for a process that keeps exiting (kubelet: 5 minutes; shorter suits a machine one sits at).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A process that ran this long before it exited starts again after <see cref="InitialDelay"/>: its exit is news,
    /// not one more of a loop (kubelet: 10 minutes; an app here is ready in seconds).
    /// </summary>
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <exception cref="ArgumentOutOfRangeException">A delay is not positive, or <see cref="MaxDelay"/> is below <see cref="InitialDelay"/>.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResetAfter, TimeSpan.Zero, nameof(ResetAfter));
    }
}
