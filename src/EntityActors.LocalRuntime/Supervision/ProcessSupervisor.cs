using System.ComponentModel;

namespace EntityActors.LocalRuntime.Supervision;

/// <summary>
/// Starts again every process of an environment that exits on its own, each after its own backoff, as a kubelet does
/// with a pod's containers: the rest keep running meanwhile. A process replaced on purpose (a test's restart) is not
/// an exit; one killed on purpose is, as it would be in a cluster.
/// </summary>
internal sealed class ProcessSupervisor(ProcessRestartOptions options, Lifecycle lifecycle, Action<string> announce) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> watchers = [];
    private readonly Lock gate = new();

    /// <summary>Watches <paramref name="place"/> from now until <see cref="DisposeAsync"/> or until it is no longer wanted.</summary>
    public void Watch(SupervisedProcess place)
    {
        lock (gate)
        {
            if (!stopping.IsCancellationRequested)
            {
                watchers.Add(WatchAsync(place, stopping.Token));
            }
        }
    }

    /// <summary>Stops watching and waits until no restart is under way, so a stop of the environment meets no new process.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            running = [.. watchers];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }

    private async Task WatchAsync(SupervisedProcess place, CancellationToken cancellationToken)
    {
        var backoff = new RestartBackoff(options);
        try
        {
            while (place.Current() is { } process)
            {
                await process.WaitForExitAsync(cancellationToken);
                var delay = TimeSpan.Zero;
                var exitedOnItsOwn = false;
                await lifecycle.ExclusiveAsync(
                    () =>
                    {
                        exitedOnItsOwn = lifecycle.Running && place.Wanted() && ReferenceEquals(place.Current(), process);
                        delay = exitedOnItsOwn ? backoff.After(process.RunTime) : delay;
                        return Task.CompletedTask;
                    },
                    cancellationToken);
                if (!exitedOnItsOwn)
                {
                    if (!lifecycle.Running || !place.Wanted())
                    {
                        return;
                    }

                    continue;
                }

                announce($"{process.Name} exited with {process.ExitCode} after {Seconds(process.RunTime)}; starting it again in {Seconds(delay)}");
                await Task.Delay(delay, cancellationToken);
                await StartAgainAsync(place, process, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The environment stops.
        }
    }

    private async Task StartAgainAsync(SupervisedProcess place, ManagedProcess exited, CancellationToken cancellationToken)
    {
        try
        {
            await lifecycle.RunAsync(
                async () =>
                {
                    if (place.Wanted() && ReferenceEquals(place.Current(), exited))
                    {
                        await place.StartAgainAsync(cancellationToken);
                    }
                },
                cancellationToken);
            if (place.Current() is { HasExited: false } started && !ReferenceEquals(started, exited))
            {
                announce($"{started.Name} started again (pid {started.Id})");
            }
        }
        catch (Exception exception) when (
            exception is InvalidOperationException or IOException or Win32Exception or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The place now holds the new process that exited (or still the old one): the next turn waits longer.
            if (lifecycle.Running)
            {
                announce($"{exited.Name} could not be started again: {FirstLine(exception.Message)}");
            }
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private static string FirstLine(string text) => text.Split(Environment.NewLine, 2)[0];
}
