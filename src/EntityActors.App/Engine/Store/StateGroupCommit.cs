using Dapr.Client;
using EntityActors.App.Engine.Batching;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Group commit for the app's state writes: writes handed in while a transaction is in flight go together in the next
/// one, whatever entity they belong to. SQLite (the embedded default) takes one writer at a time, so many entities
/// writing at once cost a few transactions instead of one each; a lone write goes at once. Each caller gets its own
/// answer: when a shared transaction fails (one entity's refused first-write, say), every write in it is tried again
/// on its own, so only the write at fault fails.
/// </summary>
public sealed class StateGroupCommit
{
    // SQLite handles large transactions well; the cap keeps one request well inside the sidecar's body limit.
    private const int MaxOperationsPerTransaction = 500;

    // Every write of the replica joins the same queue, whatever entity it belongs to.
    private const bool OneQueue = true;

    private readonly Func<IReadOnlyList<StateTransactionRequest>, Task> commit;
    private readonly KeyedBatcher<bool, IReadOnlyList<StateTransactionRequest>, Exception?> batcher;

    public StateGroupCommit(IEntityStore store)
        : this(writes => store.ExecuteTransactionAsync(writes))
    {
    }

    /// <summary>With the transaction itself given, for tests of the grouping.</summary>
    internal StateGroupCommit(Func<IReadOnlyList<StateTransactionRequest>, Task> commit)
    {
        this.commit = commit;
        batcher = new(CommitAsync, int.MaxValue, writes => writes.Count, MaxOperationsPerTransaction);
    }

    /// <summary>Commits <paramref name="writes"/> in one transaction, possibly with others; returns once committed.</summary>
    public async Task WriteAsync(IReadOnlyList<StateTransactionRequest> writes, CancellationToken cancellationToken)
    {
        if (writes.Count > 0 && await batcher.SubmitAsync(OneQueue, writes, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<IReadOnlyList<Exception?>> CommitAsync(bool key, IReadOnlyList<IReadOnlyList<StateTransactionRequest>> batch)
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
