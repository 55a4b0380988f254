namespace EntityActors.App.Entities;

/// <summary>
/// Bounds how many raises the replica's signal lanes have in flight. Lanes that wait for a slot keep gathering their
/// entities' signals, so under load every raise (and workflow turn) carries more of them; an idle replica never waits.
/// A raise that keeps its slot past <c>hold</c> (the workflow's actor busy with a long turn) gives it up and goes on
/// waiting unbounded, so one slow entity cannot hold up the others.
/// </summary>
public sealed class RaiseSlots(int slots, TimeSpan hold) : IDisposable
{
    private readonly SemaphoreSlim free = new(slots, slots);

    /// <summary>Runs <paramref name="raise"/> once a slot is free; completes when it does.</summary>
    public async Task RunAsync(Func<Task> raise, CancellationToken cancellationToken)
    {
        await free.WaitAsync(cancellationToken);
        Task raising;
        try
        {
            raising = raise();
            await Task.WhenAny(raising, Task.Delay(hold, cancellationToken));
        }
        finally
        {
            free.Release();
        }

        await raising;
    }

    public void Dispose() => free.Dispose();
}
