using EntityActors.LocalRuntime.StoreServers;

namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>
/// Stops what a run that died without stopping its children (the runner killed with SIGKILL, or crashed) left running on
/// its data folder, before a new run starts there: each recorded child that is still the same process (pid and start
/// time, so a pid reused since is never touched) gets SIGTERM, and SIGKILL if it is still there after the grace period.
/// </summary>
internal static class LeftoverProcesses
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Stops the live children of <paramref name="previous"/>; returns the ones it found.</summary>
    public static async Task<IReadOnlyList<RecordedProcess>> StopAsync(
        RunRecord previous, TimeSpan gracePeriod, Action<string> announce, CancellationToken cancellationToken)
    {
        var alive = previous.Children.Where(child => ProcessIdentity.IsAlive(child.Pid, child.StartTime)).ToList();
        if (alive.Count == 0)
        {
            return alive;
        }

        announce($"A previous run on this folder (runner pid {previous.Runner.Pid}, started {previous.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}) ended " +
            $"without stopping its processes; stopping them: {string.Join(", ", alive)}");
        foreach (var child in alive)
        {
            // PostgreSQL's SIGTERM waits for every client to leave; SIGINT is its fast shutdown, as the runtime stops it.
            _ = child.Name == LocalPostgresServer.ProcessName ? PosixSignals.Interrupt(child.Pid) : PosixSignals.Terminate(child.Pid);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (alive.Any(StillThere) && clock.Elapsed < gracePeriod)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        var killed = alive.Where(StillThere).ToList();
        foreach (var child in killed)
        {
            PosixSignals.Kill(child.Pid);
        }

        while (killed.Any(StillThere))
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        announce(killed.Count == 0
            ? $"Stopped them in {clock.Elapsed.TotalSeconds:0.0} s."
            : $"Stopped them in {clock.Elapsed.TotalSeconds:0.0} s ({string.Join(", ", killed)} killed after {gracePeriod.TotalSeconds:0} s).");
        return alive;
    }

    private static bool StillThere(RecordedProcess child) => ProcessIdentity.IsAlive(child.Pid, child.StartTime);
}
