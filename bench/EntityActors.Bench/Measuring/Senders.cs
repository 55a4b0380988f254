namespace EntityActors.Bench.Measuring;

/// <summary>Runs work items 0..count-1 on a fixed number of concurrent senders, each taking the next item when done.</summary>
public static class Senders
{
    public static Task RunAsync(int count, int senders, Func<int, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(senders, count))).Select(async _ =>
        {
            int item;
            while ((item = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await send(item, cancellationToken);
            }
        }));
    }
}
