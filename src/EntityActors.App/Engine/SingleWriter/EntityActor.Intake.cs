using System.Diagnostics;
using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>A turn that takes signals: deduplicate, sequence, decide, store, answer, hand over.</summary>
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent>
{
    // Store attempts of one turn whose writes met a refused key or another activation's envelopes.
    private const int MaxStoreAttempts = 3;

    // A turn slower than this says where its time went (load, store, hand-over) in the log.
    private static readonly TimeSpan SlowTurn = TimeSpan.FromSeconds(1);

    private async Task<SubmitResponse> SubmitInTurnAsync(SubmitRequest request)
    {
        var address = Address;
        using var span = EntityTelemetry.StartTurn("submit", address, request.Signals.Select(signal => signal.TraceParent));
        using var scope = Logger.BeginEntity(address);
        try
        {
            return await SubmitCoreAsync(address, request, span);
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            // A failed call may still have committed: forget what this activation believes and load it again.
            loaded = null;
            throw;
        }
    }

    private async Task<SubmitResponse> SubmitCoreAsync(EntityAddress address, SubmitRequest request, Activity? span)
    {
        var started = Stopwatch.GetTimestamp();
        var state = await LoadAsync(address);
        var loadedAt = Stopwatch.GetTimestamp();

        // Where the store refuses to overwrite a key atomically, new keys are written blind and the store says which
        // were known; otherwise (and after such a refusal) they are read first. Envelopes are written the same way
        // there, so a second activation (placement moving the entity) cannot store another signal at a sequence.
        var guarded = await insertIfAbsent.IsSupportedAsync();
        // A former key is never written again, so only a read finds it.
        var readKeys = !guarded || request.Signals.Any(signal => signal.FormerKey is not null);
        IntakePlan<TState> plan;
        for (var attempt = 1; ; attempt++)
        {
            var known = readKeys ? await LoadKeysAsync(address, request.Signals) : [];
            plan = IntakeLedger<TEntity, TState, TSignal, TEvent>.Plan(
                address, state.Entity, request.Signals, known, time.GetUtcNow(), submission => EntityTelemetry.ChildTraceParent(span, submission.TraceParent));
            if (plan.Fresh.Count == 0)
            {
                break;
            }

            try
            {
                state = await StoreAsync(address, state, plan, guarded);
                break;
            }
            catch (Exception ex) when (guarded && attempt < MaxStoreAttempts && DaprErrors.IsWriteConflict(ex))
            {
                // A known key (a retry, or one expired and not yet swept) or another activation's envelope: nothing was
                // written. Decide again on what is stored: the keys, and the entity another writer may have moved.
                readKeys = true;
                loaded = null;
                state = await LoadAsync(address);
            }
        }

        var fresh = plan.Fresh;
        if (fresh.Count > 0)
        {
            var signalIds = fresh.Select(envelope => envelope.SignalId).ToList();
            EntityTelemetry.SetSignals(span, signalIds);
            using var signalScope = Logger.BeginSignals(address, signalIds);
            Logger.LogAccepted(address.InstanceId, fresh.Count, state.AcceptedThrough);
            services.Metrics.Decided(address.Kind, fresh.Select(envelope => envelope.Outcome!));
            services.Changes.Changed(address.InstanceId);
        }

        var storedAt = Stopwatch.GetTimestamp();
        state = HandOver(address, state, fresh);
        var answer = new SubmitResponse(await WithOutcomesAsync(address, plan.Receipts), state.View);
        if (Stopwatch.GetElapsedTime(started) > SlowTurn)
        {
            Logger.LogSlowTurn(address.InstanceId, Stopwatch.GetElapsedTime(started, loadedAt).TotalMilliseconds,
                Stopwatch.GetElapsedTime(loadedAt, storedAt).TotalMilliseconds, Stopwatch.GetElapsedTime(storedAt).TotalMilliseconds);
        }

        return answer;
    }

    /// <summary>
    /// Hands what this activation stored (and found stored at load) to the relay, with the start of the entity's
    /// workflow when it does not exist yet (signal-with-start: its first signals go in its input). The answer does not
    /// wait for either: the envelopes are stored, and the redelivery reminder resumes the relay should this process die.
    /// </summary>
    private WriterState<TState> HandOver(EntityAddress address, WriterState<TState> state, IReadOnlyList<SignalEnvelope> fresh)
    {
        var decided = state.Handover.Concat(fresh).ToList();
        var marks = new RelayMarks(state.WorkflowApplied, state.WorkflowApplied, state.WorkflowRelayed);
        WorkflowStart? start = null;
        if (state.WorkflowMissing && decided.Count > 0)
        {
            var withInput = decided[0].Sequence == 1;
            var initial = EntityCheckpoint<TState>.Initial(address.Kind, address.Id, initialState, settings);
            start = new WorkflowStart(WorkflowName, withInput ? initial with { Pending = [.. decided] } : initial, withInput ? decided[^1].Sequence : 0);
            state = state with { WorkflowMissing = false };
        }

        // Also with nothing new: a retried call whose first attempt stored its signals kicks their delivery.
        relay.Deliver(address, settings, marks, decided, state.AcceptedThrough, start);
        StartQuietSpell();
        state = state with { Handover = [] };
        loaded = state;
        return state;
    }

    /// <summary>
    /// Stores the fresh signals of <paramref name="plan"/> and, where due, the advanced head in one transaction. Where
    /// envelopes are <paramref name="guarded"/> (written insert-if-absent) they hold the sequences, so the head is only
    /// a lower bound, written when it passes a mark (and with the first write of an activation, which checks its ETag).
    /// </summary>
    private async Task<WriterState<TState>> StoreAsync(EntityAddress address, WriterState<TState> state, IntakePlan<TState> plan, bool guarded)
    {
        // Before the store: an acknowledged signal has a reminder that will see it through (unless the scheduler is out of reach).
        await EnsureRedeliveryAsync(address);

        var retention = services.Intake.IdempotencyRetention;
        var writes = new List<StateTransactionRequest>(plan.NewKeys.Count + plan.Fresh.Count + 1);
        writes.AddRange(plan.NewKeys.Select(key => StateOperations.Upsert(address.IdempotencyKey(key.Key), key.Value, retention, insertIfAbsent: guarded)));
        writes.AddRange(plan.Fresh.Select(envelope => StateOperations.Upsert(address.EnvelopeKey(envelope.Sequence), envelope, retention, insertIfAbsent: guarded)));
        var head = state.Head with { NextSequence = plan.Entity.Sequence + 1 };
        var writeHead = !guarded || state.HeadETag is not null || EntityHead.PassesMark(state.Head.NextSequence, head.NextSequence);
        if (writeHead)
        {
            // The ETag guards the one window where two activations could both write: a placement rebalance.
            writes.Add(state.HeadETag is { } etag
                ? StateOperations.UpsertIfUnchanged(address.HeadKey, head, etag)
                : StateOperations.Upsert(address.HeadKey, head));
        }

        // Committed with whatever other entities of this replica store meanwhile: one SQLite writer at a time.
        await services.GroupCommit.WriteAsync(writes, CancellationToken.None);
        var stored = state with
        {
            Entity = plan.Entity,
            View = WriterState<TState>.ViewOf(plan.Entity),
            Head = writeHead ? head : state.Head,
            HeadETag = null,
        };
        loaded = stored;
        return stored;
    }

    private async Task<Dictionary<string, IdempotencyRecord>> LoadKeysAsync(EntityAddress address, IReadOnlyList<SignalSubmission> submissions)
    {
        var keys = submissions.SelectMany(s => new[] { s.IdempotencyKey, s.FormerKey }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // A key the store fails to read must not pass for a new one: its signal would be decided twice.
        var stored = await services.Reads.ReadPresentAsync([.. keys.Select(address.IdempotencyKey)], CancellationToken.None);
        var byStoreKey = stored.ToDictionary(
            item => item.Key, item => JsonSerializer.Deserialize<IdempotencyRecord>(item.Value, EntityJson.Options)!, StringComparer.Ordinal);
        return keys
            .Where(key => byStoreKey.ContainsKey(address.IdempotencyKey(key)))
            .ToDictionary(key => key, key => byStoreKey[address.IdempotencyKey(key)], StringComparer.Ordinal);
    }

    /// <summary>Fills in the outcome of duplicates whose key predates decisions at intake, from the signal's stored record.</summary>
    private async Task<IReadOnlyList<SignalReceipt>> WithOutcomesAsync(EntityAddress address, IReadOnlyList<SignalReceipt> receipts)
    {
        var unknown = receipts.Where(receipt => receipt.Outcome is null && !receipt.KeyReused).Select(receipt => receipt.Sequence).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return receipts;
        }

        var stored = await services.Store.GetBulkAsync([.. unknown.Select(address.EnvelopeKey), .. unknown.Select(address.OutcomeKey)]);
        var outcomes = new Dictionary<long, SignalOutcome>();
        foreach (var item in stored.Where(item => !string.IsNullOrEmpty(item.Value)))
        {
            var outcome = item.Key.Contains(":outcome:", StringComparison.Ordinal)
                ? JsonSerializer.Deserialize<SignalOutcome>(item.Value, EntityJson.Options)
                : JsonSerializer.Deserialize<SignalEnvelope>(item.Value, EntityJson.Options)?.Outcome;
            if (outcome is not null)
            {
                outcomes[outcome.Sequence] = outcome;
            }
        }

        return [.. receipts.Select(receipt => receipt.Outcome is null && outcomes.TryGetValue(receipt.Sequence, out var outcome) ? receipt with { Outcome = outcome } : receipt)];
    }
}
