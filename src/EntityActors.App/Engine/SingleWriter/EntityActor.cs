using System.Diagnostics;
using System.Text.Json;
using Dapr.Actors.Runtime;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using EntityActors.App.Telemetry;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// Single writer of one entity's intake. A turn deduplicates the submitted signals by idempotency key,
/// gives the new ones sequence numbers, starts the entity's workflow if it does not exist yet
/// (signal-with-start), stores keys, envelopes and the new head in one state transaction, and hands the new
/// envelopes to the <see cref="SignalPump"/>, which raises them to the workflow outside the turn. The
/// caller's acknowledgement therefore means: stored, sequenced, and on its way; a redelivery reminder,
/// registered before the first store of an activation, resumes the way should this process die.
/// Signals submitted in this process reach an activation directly (<see cref="ILocalEntityActor"/>) where the
/// store refuses a second writer's envelopes atomically, so a placement change that briefly leaves two
/// activations writing cannot give one sequence number to two signals.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The turn semaphore is never waited on through a wait handle: nothing to dispose.")]
public abstract class EntityActor<TEntity, TState, TSignal, TEvent> : Actor, IEntityActor, IRemindable, ILocalEntityActor
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    private readonly DaprClient dapr;
    private readonly DaprWorkflowClient workflows;
    private readonly DaprComponentsOptions components;
    private readonly SignalOptions signals;
    private readonly EntityWorkflowSettings settings;
    private readonly TimeProvider time;
    private readonly SignalPump pump;
    private readonly InsertIfAbsentProbe insertIfAbsent;
    private readonly StateGroupCommit groupCommit;
    private readonly LocalEntityActors local;
    private readonly Retention.EntityEraser eraser;
    private readonly TimeSpan routedCallRefresh;

    // The sidecar serializes the calls it routes here; in-process submissions take their turn through this too.
    private readonly SemaphoreSlim turn = new(1, 1);
    private bool deactivated;

    // The sidecar deems an actor idle by the calls it routed: in-process intake leaves one to it now and then.
    private DateTimeOffset lastRoutedCall = DateTimeOffset.MinValue;
    private EntityHead? head;
    private string? headETag;
    private bool workflowChecked;

    // The entity's workflow did not exist when this activation checked: the next stored signals start it.
    private bool workflowMissing;
    private bool redeliveryRegistered;

    // The workflow's sequence when this activation first read it: where a new lane of the pump starts.
    private long handledThrough;

    private const string RedeliveryReminder = "redeliver";

    // Store attempts of one turn whose writes met a refused key or another activation's envelopes.
    private const int MaxStoreAttempts = 3;

    // Where envelopes hold their sequences, how far the head (a checkpoint then) may lag behind them.
    private const int HeadCheckpointEvery = 16;

    protected EntityActor(ActorHost host, EntityActorServices services)
        : base(host)
    {
        dapr = services.Dapr;
        workflows = services.Workflows;
        components = services.Components;
        signals = services.Signals;
        settings = Configure(services.WorkflowSettings);
        time = services.Time;
        pump = services.Pump;
        insertIfAbsent = services.InsertIfAbsent;
        groupCommit = services.GroupCommit;
        local = services.LocalActors;
        eraser = services.Eraser;
        routedCallRefresh = services.ActorIdleTimeout / 2;
    }

    /// <summary>Name the entity's workflow is registered under.</summary>
    protected abstract string WorkflowName { get; }

    /// <summary>Lets a kind adjust the workflow settings it sends, e.g. with its idle timeout.</summary>
    protected virtual EntityWorkflowSettings Configure(EntityWorkflowSettings defaults) => defaults;

    private EntityAddress Address => new(TEntity.Kind, Id.GetId());

    public Task<SubmitResponse> SubmitAsync(SubmitRequest request)
    {
        lastRoutedCall = time.GetUtcNow();
        return InTurnAsync(() => SubmitInTurnAsync(request));
    }

    public async Task<SubmitResponse?> TrySubmitInProcessAsync(SubmitRequest request)
    {
        if (!signals.InProcessIntake || time.GetUtcNow() - lastRoutedCall > routedCallRefresh || !await insertIfAbsent.IsSupportedAsync())
        {
            return null;
        }

        return await InTurnAsync<SubmitResponse?>(async () => deactivated ? null : await SubmitInTurnAsync(request));
    }

    public Task<Retention.EraseResponse> EraseAsync()
    {
        lastRoutedCall = time.GetUtcNow();
        return InTurnAsync(EraseInTurnAsync);
    }

    /// <summary>Erases the entity and forgets what this activation knew of it: the next signal starts afresh.</summary>
    private async Task<Retention.EraseResponse> EraseInTurnAsync()
    {
        var address = Address;
        using var scope = Logger.BeginEntity(address);
        var existed = await eraser.EraseAsync(address, head?.NextSequence ?? 0, CancellationToken.None);
        head = null;
        headETag = null;
        workflowChecked = false;
        workflowMissing = false;
        handledThrough = 0;
        try
        {
            // Also when this activation did not register it: an earlier one may have. Left, it would start an empty workflow.
            await UnregisterReminderAsync(RedeliveryReminder);
        }
        catch (Exception ex)
        {
            Logger.LogReminderNotRemoved(ex, address.InstanceId);
        }

        redeliveryRegistered = false;
        return new Retention.EraseResponse(existed);
    }

    /// <summary>Runs <paramref name="work"/> as this activation's turn, after any routed or in-process one in progress.</summary>
    private async Task InTurnAsync(Func<Task> work)
    {
        await turn.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<T> InTurnAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        // A statement lambda: as an expression, the assignment would make it a Func<Task<T>> and recurse into this overload.
        await InTurnAsync(async () => { result = await work(); });
        return result;
    }

    private async Task<SubmitResponse> SubmitInTurnAsync(SubmitRequest request)
    {
        var address = Address;
        using var span = EntityTelemetry.StartTurn("submit", address, request.Signals.Select(signal => signal.TraceParent));
        using var scope = Logger.BeginEntity(address);
        try
        {
            return await SubmitCoreAsync(request, span);
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            // A failed call may still have committed: forget what this activation believes and re-read it.
            head = null;
            headETag = null;
            workflowChecked = false;
            throw;
        }
    }

    /// <summary>
    /// The redelivery reminder: kicks the pump, which raises whatever stored envelopes the workflow lacks and
    /// relays its outbox; once everything accepted is raised, applied and relayed, the reminder is removed.
    /// </summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != RedeliveryReminder)
        {
            return;
        }

        await InTurnAsync(RedeliverAsync);
    }

    private async Task RedeliverAsync()
    {
        var address = Address;
        workflowChecked = false;
        await EnsureWorkflowAsync(address);
        var current = await LoadHeadAsync(address);
        if (workflowMissing)
        {
            // Stored signals of an entity whose start failed: start it empty, the lane raises them.
            await StartWorkflowAsync(address, []);
        }

        var acceptedThrough = current.NextSequence - 1;
        if (pump.IsCaughtUp(address.InstanceId, acceptedThrough))
        {
            await UnregisterReminderAsync(RedeliveryReminder);
            redeliveryRegistered = false;
            return;
        }

        Logger.LogRedeliveryResumed(address.InstanceId, acceptedThrough);
        pump.Deliver(address, settings, handledThrough, acceptedThrough, []);
    }

    /// <summary>Counts this entity as live (<see cref="EntityLifetimeMetrics"/>) while its actor is active.</summary>
    protected override Task OnActivateAsync()
    {
        EntityLifetimeMetrics.Activated(TEntity.Kind);
        local.Activated(Address.InstanceId, this);
        return base.OnActivateAsync();
    }

    protected override async Task OnDeactivateAsync()
    {
        EntityLifetimeMetrics.Deactivated(TEntity.Kind);
        await InTurnAsync(RetireAsync);
        await base.OnDeactivateAsync();
    }

    /// <summary>Stops taking signals in process, drops the lane, and removes the reminder of a caught-up entity.</summary>
    private async Task RetireAsync()
    {
        var address = Address;
        deactivated = true;
        local.Deactivated(address.InstanceId, this);
        var caughtUp = redeliveryRegistered && head is not null && pump.IsCaughtUp(address.InstanceId, head.NextSequence - 1);
        pump.Forget(address.InstanceId);
        if (!caughtUp)
        {
            return;
        }

        try
        {
            await UnregisterReminderAsync(RedeliveryReminder);
            redeliveryRegistered = false;
        }
        catch (Exception ex)
        {
            // E.g. the scheduler already gone at shutdown. Harmless: the reminder finds the entity caught up and goes.
            Logger.LogReminderNotRemoved(ex, address.InstanceId);
        }
    }

    private async Task<SubmitResponse> SubmitCoreAsync(SubmitRequest request, Activity? span)
    {
        var address = Address;
        await EnsureWorkflowAsync(address);
        var current = await LoadHeadAsync(address);

        // Where the store refuses to overwrite a key atomically, new keys are written blind and the store says
        // which were known; otherwise (and after such a refusal) they are read first. Envelopes are written the same
        // way there, so a second activation (placement moving the entity) cannot store another signal at a sequence.
        var guarded = await insertIfAbsent.IsSupportedAsync();
        var readKeys = !guarded;
        Intake intake;
        for (var attempt = 1; ; attempt++)
        {
            var known = readKeys ? await LoadIdempotencyRecordsAsync(address, request.Signals) : [];
            intake = Sequence(address, request, current, known, blindKeys: !readKeys, guardEnvelopes: guarded, span);
            if (intake.Fresh.Count == 0)
            {
                break;
            }

            try
            {
                await StoreAsync(address, current, intake, guarded);
                break;
            }
            catch (Exception ex) when (guarded && attempt < MaxStoreAttempts && InsertIfAbsentProbe.IsConflict(ex))
            {
                // A known key (a retry, or one expired and not yet swept) or another activation's envelope: nothing
                // was written. Decide again on what is stored: the keys, and the head another writer may have moved.
                readKeys = true;
                head = null;
                headETag = null;
                current = await LoadHeadAsync(address);
            }
        }

        var fresh = intake.Fresh;
        var signalIds = fresh.Select(envelope => envelope.SignalId).ToList();
        EntityTelemetry.SetSignals(span, signalIds);
        using var signalScope = fresh.Count > 0 ? Logger.BeginSignals(address, signalIds) : null;
        var acceptedThrough = (head?.NextSequence ?? 1) - 1;
        if (fresh.Count > 0)
        {
            Logger.LogAccepted(address.InstanceId, fresh.Count, acceptedThrough);
        }

        if (workflowMissing)
        {
            if (await StartWorkflowAsync(address, fresh))
            {
                // The fresh signals are in the workflow's input: the lane only relays what it makes of them.
                pump.Deliver(address, settings, fresh[^1].Sequence, acceptedThrough, []);
                return new SubmitResponse(intake.Receipts);
            }
        }

        // Also with nothing fresh: a retried call whose first attempt stored its signals kicks their delivery.
        pump.Deliver(address, settings, handledThrough, acceptedThrough, fresh);
        return new SubmitResponse(intake.Receipts);
    }

    /// <summary>
    /// Answers the signals whose keys are <paramref name="known"/> with their original receipts and gives the others
    /// sequence numbers, envelopes and the writes that store them (keys written first-write when <paramref name="blindKeys"/>,
    /// envelopes when <paramref name="guardEnvelopes"/>).
    /// </summary>
    private Intake Sequence(
        EntityAddress address, SubmitRequest request, EntityHead current, Dictionary<string, IdempotencyRecord> known, bool blindKeys, bool guardEnvelopes, Activity? span)
    {
        var now = time.GetUtcNow();
        var next = current.NextSequence;
        var intake = new Intake([], [], []);
        var ttl = new Dictionary<string, string> { ["ttlInSeconds"] = ((long)signals.IdempotencyRetention.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        var keyOptions = blindKeys ? firstWrite : null;
        var envelopeOptions = guardEnvelopes ? firstWrite : null;
        foreach (var submission in request.Signals)
        {
            if (known.TryGetValue(submission.IdempotencyKey, out var record))
            {
                var reused = record.PayloadHash != submission.PayloadHash || record.Name != submission.Name;
                intake.Receipts.Add(Receipt(address, submission.IdempotencyKey, record, duplicate: true, reused));
                continue;
            }

            var envelope = new SignalEnvelope(
                address.SignalId(next), next, submission.Name, submission.IdempotencyKey, submission.Payload, now,
                EntityTelemetry.ChildTraceParent(span, submission.TraceParent));
            record = new IdempotencyRecord(envelope.SignalId, next, submission.Name, submission.PayloadHash, now);
            known[submission.IdempotencyKey] = record;
            intake.Writes.Add(Write(address.IdempotencyKey(submission.IdempotencyKey), record, ttl, keyOptions));
            intake.Writes.Add(Write(address.EnvelopeKey(next), envelope, ttl, envelopeOptions));
            intake.Fresh.Add(envelope);
            intake.Receipts.Add(Receipt(address, submission.IdempotencyKey, record, duplicate: false, keyReused: false));
            next++;
        }

        return intake;
    }

    /// <summary>
    /// Stores the fresh signals of <paramref name="intake"/> and, where due, the advanced head in one transaction. Where
    /// envelopes are <paramref name="guarded"/> (written insert-if-absent), they are what holds a sequence, so the head is
    /// only a checkpoint of them, written when it passes a multiple of <see cref="HeadCheckpointEvery"/> (and with the
    /// first write of an activation, which checks its ETag): one row less per turn. Otherwise it goes with every turn.
    /// </summary>
    private async Task StoreAsync(EntityAddress address, EntityHead current, Intake intake, bool guarded)
    {
        if (!redeliveryRegistered)
        {
            // Before the store: an acknowledged signal always has a reminder that will see it through.
            await RegisterReminderAsync(RedeliveryReminder, null, signals.RedeliveryInterval, signals.RedeliveryInterval);
            redeliveryRegistered = true;
        }

        var advanced = current with { NextSequence = intake.Fresh[^1].Sequence + 1 };
        var writes = new List<StateTransactionRequest>(intake.Writes);
        var checkpoint = (advanced.NextSequence - 1) / HeadCheckpointEvery != (current.NextSequence - 1) / HeadCheckpointEvery;
        if (!guarded || checkpoint || !string.IsNullOrEmpty(headETag))
        {
            // The ETag guards the one window where two activations could both write: a placement rebalance.
            writes.Add(new(
                address.HeadKey,
                JsonSerializer.SerializeToUtf8Bytes(advanced, EntityJson.Options),
                StateOperationType.Upsert,
                etag: string.IsNullOrEmpty(headETag) ? null : headETag,
                options: string.IsNullOrEmpty(headETag) ? null : new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }));
        }

        // Committed with whatever other entities of this replica store meanwhile: one SQLite writer at a time.
        await groupCommit.WriteAsync(writes, CancellationToken.None);
        head = advanced;
        headETag = string.Empty; // From here on this activation is the writer; the ETag checked its first write.
    }

    /// <summary>
    /// Signal-with-start: schedules the entity's workflow with the first stored signals in its input, so creating
    /// an entity costs no separate raise. True when it went so; false when the workflow was started without them
    /// (signals stored by an earlier activation come first, or a concurrent start won) and they must be raised.
    /// </summary>
    private async Task<bool> StartWorkflowAsync(EntityAddress address, List<SignalEnvelope> fresh)
    {
        var withInput = fresh.Count > 0 && fresh[0].Sequence == 1;
        var initial = EntityCheckpoint<TState>.Initial(address.Kind, address.Id, TEntity.Initial, settings);
        if (withInput)
        {
            initial = initial with { Pending = [.. fresh] };
        }

        // Losing the race means a previous activation (crashed before its first signal) got there first.
        var started = await workflows.TryScheduleNewWorkflowAsync(WorkflowName, address.InstanceId, initial);
        if (started)
        {
            Logger.LogWorkflowStarted(address.InstanceId);
            EntityLifetimeMetrics.EntityCreated(address.Kind);
        }

        workflowMissing = false;
        return started && withInput;
    }

    private async Task<EntityHead> LoadHeadAsync(EntityAddress address)
    {
        if (head is not null && headETag is not null)
        {
            return head;
        }

        var (stored, etag) = await dapr.GetStateAndETagAsync<EntityHead?>(components.EntityStore, address.HeadKey);
        var loaded = stored ?? new EntityHead(1, time.GetUtcNow());
        if (await insertIfAbsent.IsSupportedAsync())
        {
            // A checkpoint (see StoreAsync): the envelopes stored after it, all in a row, say where it really is.
            // Never below what the workflow applied, whatever expired.
            loaded = loaded with { NextSequence = await NextFreeSequenceAsync(address, Math.Max(loaded.NextSequence, handledThrough + 1)) };
        }

        head = loaded;
        headETag = etag ?? string.Empty;
        return head;
    }

    /// <summary>The first sequence from <paramref name="from"/> on with no stored envelope.</summary>
    private async Task<long> NextFreeSequenceAsync(EntityAddress address, long from)
    {
        // One key first: a new entity, or a head that is up to date, needs no more.
        for (var window = 1; ; window = HeadCheckpointEvery)
        {
            var keys = Enumerable.Range(0, window).Select(offset => address.EnvelopeKey(from + offset)).ToList();
            var stored = await dapr.GetBulkStateAsync(components.EntityStore, keys, parallelism: null);
            var present = stored.Where(item => !string.IsNullOrEmpty(item.Value)).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
            var gap = keys.FindIndex(key => !present.Contains(key));
            if (gap >= 0)
            {
                return from + gap;
            }

            from += window;
        }
    }

    /// <summary>
    /// Signal-with-start. Runs once per activation: creates the workflow when it has never existed, and
    /// refuses to go on when it has ended, because scheduling that id again would silently wipe the entity.
    /// </summary>
    private async Task EnsureWorkflowAsync(EntityAddress address)
    {
        if (workflowChecked)
        {
            return;
        }

        workflowMissing = false;
        var state = await workflows.ReadWorkflowStateAsync(address.InstanceId);
        if (state is not { Exists: true })
        {
            // Started once the first signals are stored, with them in its input (see StartWorkflowAsync).
            workflowMissing = true;
            handledThrough = 0;
        }
        else if (state.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated)
        {
            throw new EntityUnavailableException(
                $"The workflow of {address} is {state.RuntimeStatus}; it takes no signals until an operator restores it.");
        }
        else
        {
            handledThrough = state.ReadCustomStatusAs<EntityView<JsonElement>>()?.Sequence ?? 0;
        }

        workflowChecked = true;
    }

    private async Task<Dictionary<string, IdempotencyRecord>> LoadIdempotencyRecordsAsync(
        EntityAddress address, IReadOnlyList<SignalSubmission> submissions)
    {
        var keys = submissions.Select(s => s.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = await dapr.GetBulkStateAsync(components.EntityStore, keys.Select(address.IdempotencyKey).ToList(), parallelism: null);
        var byStoreKey = stored
            .Where(item => !string.IsNullOrEmpty(item.Value))
            .ToDictionary(item => item.Key, item => JsonSerializer.Deserialize<IdempotencyRecord>(item.Value, EntityJson.Options)!, StringComparer.Ordinal);
        var found = new Dictionary<string, IdempotencyRecord>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (byStoreKey.TryGetValue(address.IdempotencyKey(key), out var record))
            {
                found[key] = record;
            }
        }

        return found;
    }

    private static SignalReceipt Receipt(EntityAddress address, string key, IdempotencyRecord record, bool duplicate, bool keyReused) =>
        new(record.SignalId, address.Kind, address.Id, key, record.Name, record.Sequence, record.AcceptedAt, duplicate, keyReused);

    private static StateTransactionRequest Write<T>(string key, T value, IReadOnlyDictionary<string, string>? metadata, StateOptions? options = null) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, EntityJson.Options), StateOperationType.Upsert, metadata: metadata, options: options);

    /// <summary>What one turn answers and stores: a receipt per submitted signal, the new envelopes, their writes.</summary>
    private sealed record Intake(List<SignalReceipt> Receipts, List<SignalEnvelope> Fresh, List<StateTransactionRequest> Writes);
}
