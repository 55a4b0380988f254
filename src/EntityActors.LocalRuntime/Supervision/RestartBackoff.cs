namespace EntityActors.LocalRuntime.Supervision;

/// <summary>The wait before each restart of one process: kubelet's crash-loop backoff, fed how long each run lasted.</summary>
internal sealed class RestartBackoff(ProcessRestartOptions options)
{
    private TimeSpan next = options.InitialDelay;

    /// <summary>The wait before starting again a process that exited after running for <paramref name="ranFor"/>.</summary>
    public TimeSpan After(TimeSpan ranFor)
    {
        if (ranFor >= options.ResetAfter)
        {
            next = options.InitialDelay;
        }

        var delay = next;
        next = next * 2 < options.MaxDelay ? next * 2 : options.MaxDelay;
        return delay;
    }
}
