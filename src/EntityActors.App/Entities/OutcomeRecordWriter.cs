using Dapr.Client;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Entities;

/// <summary>
/// Group commit for outcome records: records handed in while a write is in flight go together in the next
/// state transaction, whatever entity they belong to. SQLite (the embedded default) takes one writer at a
/// time, so many entities relaying at once cost a few transactions instead of one each. A caller returns once
/// the transaction holding its records has committed, or fails with it.
/// </summary>
public sealed class OutcomeRecordWriter(DaprClient dapr, IOptions<DaprComponentsOptions> components)
{
    // SQLite handles large transactions well; the cap keeps one request well inside the sidecar's body limit.
    private const int MaxRecordsPerTransaction = 500;

    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];
    private bool flushing;

    public Task WriteAsync(IReadOnlyList<StateTransactionRequest> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            pending.Add(new Pending(records, written));
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
                await dapr.ExecuteStateTransactionAsync(components.Value.StateStore, [.. batch.SelectMany(item => item.Records)]);
                batch.ForEach(item => item.Written.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(item => item.Written.TrySetException(ex));
            }
        }
    }

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        var count = 0;
        while (pending.Count > 0 && (batch.Count == 0 || count + pending[0].Records.Count <= MaxRecordsPerTransaction))
        {
            count += pending[0].Records.Count;
            batch.Add(pending[0]);
            pending.RemoveAt(0);
        }

        return batch;
    }

    private sealed record Pending(IReadOnlyList<StateTransactionRequest> Records, TaskCompletionSource Written);
}
