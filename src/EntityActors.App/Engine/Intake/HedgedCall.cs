namespace EntityActors.App.Engine.Intake;

/// <summary>
/// A call made a second time, alongside the first, once the first has gone unanswered for a while; the answer is
/// whichever succeeds first. Only for calls whose repetition is harmless: a writer call carries its signals'
/// idempotency keys, so whichever of the two reaches the writer second is answered from the first's records.
/// </summary>
/// <remarks>
/// What it is for: a sidecar can hold an actor call it took just as its placement table moved the actor (an app
/// crashed behind a live sidecar, its actors halted) until the caller gives up, while the same call made a moment
/// later is routed to the actor's new host at once. Hedging cuts that wait from the writer-call bound to the delay.
/// </remarks>
public static class HedgedCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan hedgeAfter, Action onHedged, CancellationToken cancellationToken)
    {
        var first = call();
        if (hedgeAfter <= TimeSpan.Zero || first.IsCompleted)
        {
            return await first;
        }

        try
        {
            return await first.WaitAsync(hedgeAfter, cancellationToken);
        }
        catch (TimeoutException) when (!first.IsCompleted)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !first.IsCompleted)
        {
            Observe(first);
            throw;
        }

        onHedged();
        var second = call();
        var done = await Task.WhenAny(first, second);
        var other = done == first ? second : first;
        if (done.IsCompletedSuccessfully)
        {
            Observe(other);
            return await done;
        }

        Observe(done);
        return await other;
    }

    /// <summary>The call not awaited still runs; what it throws is expected and must not surface as unobserved.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
