namespace EntityActors.LocalRuntime;

/// <summary>
/// One environment's lock over starting, stopping, killing and restarting its processes, so a test's kill cannot
/// interleave with a stop, and the state that says whether the environment runs at all.
/// </summary>
internal sealed class Lifecycle : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public bool Started { get; set; }

    public bool Stopped { get; set; }

    public bool Running => Started && !Stopped;

    /// <summary>Runs <paramref name="action"/> alone, on a running environment.</summary>
    /// <exception cref="InvalidOperationException">The environment is not running.</exception>
    public async Task RunAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!Running)
            {
                throw new InvalidOperationException("The environment is not running.");
            }

            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> alone, whatever the state.</summary>
    public async Task ExclusiveAsync(Func<Task> action, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
