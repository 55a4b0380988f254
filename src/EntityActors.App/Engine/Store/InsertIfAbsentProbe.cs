using Dapr.Client;
using EntityActors.App.Engine.Diagnostics;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Finds out once per process whether the state store can take an entity's idempotency keys blind: a
/// first-write of a key without an ETag must fail when the key exists, and fail the whole transaction with it.
/// SQL stores do both; a store that upserts anyway, or applies the rest of a failed transaction, must not be
/// trusted with it, and its actors read the keys before they write (one more call per turn, same guarantee).
/// </summary>
public sealed partial class InsertIfAbsentProbe(IEntityStore store, ILogger<InsertIfAbsentProbe> logger)
{
    private readonly Lock gate = new();
    private Task<bool?>? probing;

    /// <summary>
    /// True when the store refuses to overwrite an existing key and rolls the rest back with it. Never throws: a
    /// probe that could not finish (store not up yet) answers false and is tried again by the next caller.
    /// </summary>
    public async Task<bool> IsSupportedAsync()
    {
        Task<bool?> current;
        lock (gate)
        {
            if (probing is null || (probing.IsCompleted && probing.Result is null))
            {
                probing = TryProbeAsync();
            }

            current = probing;
        }

        return await current ?? false;
    }

    private async Task<bool?> TryProbeAsync()
    {
        try
        {
            return await ProbeAsync();
        }
        catch (Exception ex)
        {
            LogProbeFailed(ex, store.Description);
            return null;
        }
    }

    private async Task<bool> ProbeAsync()
    {
        var run = Guid.NewGuid().ToString("N");
        var existing = $"insert-if-absent-probe:{run}:existing";
        var bystander = $"insert-if-absent-probe:{run}:bystander";
        try
        {
            await store.SaveAsync(existing, 1);
            var refused = false;
            try
            {
                await store.ExecuteTransactionAsync(
                [
                    new StateTransactionRequest(bystander, [0x31], StateOperationType.Upsert),
                    new StateTransactionRequest(existing, [0x32], StateOperationType.Upsert, options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }),
                ]);
            }
            catch (Exception ex) when (DaprErrors.IsWriteConflict(ex))
            {
                refused = true;
            }

            var (kept, _) = await store.GetWithETagAsync<int>(existing);
            var (leaked, leakedETag) = await store.GetWithETagAsync<int?>(bystander);
            var supported = refused && kept == 1 && leaked is null && string.IsNullOrEmpty(leakedETag);
            LogProbed(store.Description, supported);
            return supported;
        }
        finally
        {
            await store.ExecuteTransactionAsync(
            [
                new StateTransactionRequest(existing, null, StateOperationType.Delete),
                new StateTransactionRequest(bystander, null, StateOperationType.Delete),
            ]);
        }
    }

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "State store {Store} refuses a blind insert of an existing key atomically: {Supported} (false: actors read idempotency keys before writing)")]
    private partial void LogProbed(string store, bool supported);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Could not probe state store {Store} for blind inserts; reading idempotency keys first until a probe succeeds")]
    private partial void LogProbeFailed(Exception exception, string store);
}
