namespace EntityActors.App.Engine.Batching;

/// <summary>
/// Serializes work per key and batches it: items submitted for a key while a batch of that key is being processed
/// queue up and are processed together next, in arrival order, by one consumer at a time per key. A lone item goes at
/// once, unless the batcher lingers. Keys without queued work hold nothing. Used wherever work is serialized per entity
/// (the intake's calls to an entity's single writer) or batched across callers (the group commit of state writes, under
/// one key; the bulk publish of domain events, per topic).
/// </summary>
/// <param name="process">Processes one batch of a key; answers one result per item, in order. Throwing fails every item of the batch.</param>
/// <param name="maxItems">Most items per batch.</param>
/// <param name="weight">Weight of an item towards <paramref name="maxWeight"/> (e.g. the state operations it carries).</param>
/// <param name="maxWeight">Most weight per batch; a single heavier item still goes, alone.</param>
/// <param name="linger">
/// How long a key's first item waits for others before its batch is processed (zero: a lone item goes at once). Batches
/// taken while another of the key is being processed never wait.
/// </param>
public sealed class KeyedBatcher<TKey, TItem, TResult>(
    Func<TKey, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process,
    int maxItems,
    Func<TItem, int>? weight = null,
    int maxWeight = int.MaxValue,
    TimeSpan linger = default)
    where TKey : notnull
{
    private readonly Dictionary<TKey, Queue<Pending>> queues = [];
    private readonly Lock gate = new();

    /// <summary>How many keys have work queued or in progress.</summary>
    public int ActiveKeys
    {
        get
        {
            lock (gate)
            {
                return queues.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> for <paramref name="key"/>; completes with its result once its batch is processed.</summary>
    public Task<TResult> SubmitAsync(TKey key, TItem item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (gate)
        {
            start = !queues.TryGetValue(key, out var queue);
            if (start)
            {
                queue = new Queue<Pending>();
                queues[key] = queue;
            }

            queue!.Enqueue(pending);
        }

        if (start)
        {
            // The consumer outlives the call that starts it: it must not run in that caller's execution context (its trace).
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => ConsumeAsync(key), CancellationToken.None);
            }
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task ConsumeAsync(TKey key)
    {
        if (linger > TimeSpan.Zero)
        {
            await Task.Delay(linger);
        }

        while (TakeBatch(key) is { } batch)
        {
            try
            {
                var results = await process(key, [.. batch.Select(pending => pending.Item)]);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} items was answered with {results.Count} results.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(pending => pending.Completion.TrySetException(ex));
            }
        }
    }

    /// <summary>The next batch of <paramref name="key"/>; null (and the key forgotten) when nothing is queued.</summary>
    private List<Pending>? TakeBatch(TKey key)
    {
        lock (gate)
        {
            var queue = queues[key];
            if (queue.Count == 0)
            {
                queues.Remove(key);
                return null;
            }

            var batch = new List<Pending>();
            var total = 0;
            while (queue.Count > 0 && batch.Count < maxItems)
            {
                var next = weight?.Invoke(queue.Peek().Item) ?? 1;
                if (batch.Count > 0 && total + next > maxWeight)
                {
                    break;
                }

                total += next;
                batch.Add(queue.Dequeue());
            }

            return batch;
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
