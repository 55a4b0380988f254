using Dapr.Client;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Group commit for the app's state writes (entity intake, outcome records): writes handed in while a transaction
/// is in flight go together in the next one, whatever entity they belong to. SQLite (the embedded default) takes
/// one writer at a time, so many entities writing at once cost a few transactions instead of one each; a lone
/// write goes at once. Each caller gets its own answer: when a shared transaction fails (one entity's refused
/// first-write, say), every write in it is tried again on its own, so only the write at fault fails.
/// </summary>
public sealed class StateGroupCommit
{
    // SQLite handles large transactions well; the cap keeps one request well inside the sidecar's body limit.
    private const int MaxOperationsPerTransaction = 500;

    private readonly Func<IReadOnlyList<StateTransactionRequest>, Task> commit;
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];
    private bool flushing;

    public StateGroupCommit(DaprClient dapr, IOptions<DaprComponentsOptions> components)
        : this(writes => dapr.ExecuteStateTransactionAsync(components.Value.EntityStore, writes))
    {
    }

    /// <summary>With the transaction itself given, for tests of the grouping.</summary>
    internal StateGroupCommit(Func<IReadOnlyList<StateTransactionRequest>, Task> commit) => this.commit = commit;

    /// <summary>Commits <paramref name="writes"/> in one transaction, possibly with others; returns once committed.</summary>
    public Task WriteAsync(IReadOnlyList<StateTransactionRequest> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            pending.Add(new Pending(writes, written));
            if (!flushing)
            {
                flushing = true;
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(FlushAsync, CancellationToken.None);
                }
            }
        }

        return written.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    flushing = false;
                    return;
                }

                batch = TakeBatch();
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(item => item.Written.TrySetResult());
            }
            catch (Exception ex) when (batch.Count == 1)
            {
                batch[0].Written.TrySetException(ex);
            }
            catch (Exception)
            {
                foreach (var item in batch)
                {
                    try
                    {
                        await CommitAsync([item]);
                        item.Written.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        item.Written.TrySetException(ex);
                    }
                }
            }
        }
    }

    private Task CommitAsync(List<Pending> batch) => commit([.. batch.SelectMany(item => item.Writes)]);

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        var count = 0;
        while (pending.Count > 0 && (batch.Count == 0 || count + pending[0].Writes.Count <= MaxOperationsPerTransaction))
        {
            count += pending[0].Writes.Count;
            batch.Add(pending[0]);
            pending.RemoveAt(0);
        }

        return batch;
    }

    private sealed record Pending(IReadOnlyList<StateTransactionRequest> Writes, TaskCompletionSource Written);
}
