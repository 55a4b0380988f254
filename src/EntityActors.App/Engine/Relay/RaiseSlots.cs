namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Bounds how many batches the replica's signal lanes have in flight to their workflows. Lanes that wait for a slot
/// keep gathering their entities' signals, so under load every raise (and workflow turn) carries more of them; an idle
/// replica never waits. A slot is taken before the raise and given back once the raised batch is applied (as far as
/// the lane can tell: see <see cref="RunAsync(Func{Task{Task}}, CancellationToken)"/>), or at <c>hold</c> after the
/// raise began, whichever comes first, so one slow entity cannot hold up the others.
/// </summary>
public sealed class RaiseSlots(int slots, TimeSpan hold) : IDisposable
{
    private readonly SemaphoreSlim free = new(slots, slots);

    /// <summary>Runs <paramref name="raise"/> once a slot is free; the slot is given back when it completes (or at the hold).</summary>
    public Task RunAsync(Func<Task> raise, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await raise();
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="raise"/> once a slot is free and completes when it does. The raise answers with what the
    /// slot stays taken for after it (its batch being applied); the slot is given back when that completes, or at the
    /// hold, counted from the start of the raise.
    /// </summary>
    public async Task RunAsync(Func<Task<Task>> raise, CancellationToken cancellationToken)
    {
        await free.WaitAsync(cancellationToken);
        var deadline = Task.Delay(hold, CancellationToken.None);
        Task<Task> raising;
        try
        {
            raising = raise();
            await Task.WhenAny(raising, deadline);
        }
        catch
        {
            free.Release();
            throw;
        }

        if (!raising.IsCompletedSuccessfully)
        {
            // Past the hold (or failed): the slot goes back now and the caller waits for the raise alone.
            free.Release();
            await raising;
            return;
        }

        _ = GiveBackAsync(Task.WhenAny(raising.Result, deadline));
    }

    private async Task GiveBackAsync(Task when)
    {
        await when;
        try
        {
            free.Release();
        }
        catch (ObjectDisposedException)
        {
            // The relay stopped (the app shuts down) while the batch was on its way: no one waits for the slot.
        }
    }

    public void Dispose() => free.Dispose();
}
