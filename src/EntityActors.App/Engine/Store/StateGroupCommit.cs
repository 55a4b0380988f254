using Dapr.Client;
using EntityActors.App.Engine.Batching;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Group commit for the app's state writes: writes handed in while the store's transactions are all in flight go
/// together in a next one, whatever entity they belong to. SQLite (the embedded default) takes one writer at a time, so
/// many entities writing at once cost a few transactions instead of one each; PostgreSQL runs a few at once
/// (<see cref="IEntityStore.ConcurrentTransactions"/>), so a write goes at once while one of them is free. Each caller
/// gets its own answer: when a shared transaction fails (one entity's refused first-write, say), every write in it is
/// tried again on its own, so only the write at fault fails.
/// </summary>
public sealed class StateGroupCommit
{
    // SQLite handles large transactions well; the cap keeps one request well inside the sidecar's body limit.
    private const int MaxOperationsPerTransaction = 500;

    private readonly Func<IReadOnlyList<StateTransactionRequest>, Task> commit;
    private readonly KeyedBatcher<int, IReadOnlyList<StateTransactionRequest>, Exception?> batcher;

    // Writes handed to each lane (one transaction in flight per lane) and not yet answered.
    private readonly int[] waiting;
    private readonly Lock gate = new();

    public StateGroupCommit(IEntityStore store)
        : this(writes => store.ExecuteTransactionAsync(writes), store.ConcurrentTransactions)
    {
    }

    /// <summary>With the transaction itself given, for tests of the grouping.</summary>
    internal StateGroupCommit(Func<IReadOnlyList<StateTransactionRequest>, Task> commit, int lanes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        this.commit = commit;
        waiting = new int[lanes];
        batcher = new(CommitAsync, int.MaxValue, writes => writes.Count, MaxOperationsPerTransaction);
    }

    /// <summary>Commits <paramref name="writes"/> in one transaction, possibly with others; returns once committed.</summary>
    public async Task WriteAsync(IReadOnlyList<StateTransactionRequest> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        var lane = TakeLane();
        try
        {
            if (await batcher.SubmitAsync(lane, writes, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            lock (gate)
            {
                waiting[lane]--;
            }
        }
    }

    /// <summary>The lane with the fewest writes waiting: an idle one where there is one, else the one whose next batch is smallest.</summary>
    private int TakeLane()
    {
        lock (gate)
        {
            var lane = 0;
            for (var i = 1; i < waiting.Length && waiting[lane] > 0; i++)
            {
                if (waiting[i] < waiting[lane])
                {
                    lane = i;
                }
            }

            waiting[lane]++;
            return lane;
        }
    }

    private async Task<IReadOnlyList<Exception?>> CommitAsync(int lane, IReadOnlyList<IReadOnlyList<StateTransactionRequest>> batch)
    {
        try
        {
            await commit([.. batch.SelectMany(writes => writes)]);
            return new Exception?[batch.Count];
        }
        catch (Exception ex) when (batch.Count == 1)
        {
            return [ex];
        }
        catch (Exception)
        {
            var results = new Exception?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    await commit(batch[i]);
                }
                catch (Exception ex)
                {
                    results[i] = ex;
                }
            }

            return results;
        }
    }
}
