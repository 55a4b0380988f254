using System.Collections.Concurrent;
using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Moves signals between an entity's actor and its workflow, outside the actor's turn, one lane per entity:
/// raises what the actor stored (in sequence order, as few events as possible: whatever accumulated while
/// the previous raise ran goes in one batch), then watches the workflow's status and relays its outbox
/// (outcome records, events, reactions) through the <see cref="OutcomeRecorder"/>, telling the workflow in
/// the next batch how far it got. Waiters in this process hear of each applied sequence at once.
/// Nothing here is needed for safety: the envelopes are stored before a lane sees them and the outbox lives
/// in the workflow, so a lane that dies (crash, repeated failures) is restarted by the actor's redelivery
/// reminder and loses nothing; what it had relayed and not yet reported is relayed again (same event ids).
/// </summary>
public sealed partial class SignalPump(
    DaprWorkflowClient workflows,
    DaprClient dapr,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> options,
    OutcomeRecorder recorder,
    EntityProgress progress,
    WorkflowTurns turns,
    TransientFaults faults,
    ILogger<SignalPump> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lane> lanes = SubscribedLanes(turns);
    private readonly CancellationTokenSource stopping = new();
    private readonly RaiseSlots raiseSlots = new(options.Value.RaisesInFlight, options.Value.RaiseSlotHold);

    // How many of the latest outcomes a lane leaves unstored (in the workflow's outbox), and how many it stores per write.
    private const int MaxUnstoredOutcomes = 8;

    // How many re-reads (2, 4, 8, 16, 32 ms after it by default) follow a turn hint before the lane falls back to slow polling.
    private const int QuickReadsAfterTurn = 5;

    /// <summary>
    /// Called by the entity's actor after the envelopes up to <paramref name="acceptedThrough"/> are stored.
    /// <paramref name="handledThrough"/> is the workflow's sequence as the actor last read it: where a new lane
    /// starts raising. <paramref name="fresh"/> may be empty (a redelivery kick); gaps are read back from the store.
    /// </summary>
    public void Deliver(
        EntityAddress address, EntityWorkflowSettings settings, long handledThrough, long acceptedThrough, IReadOnlyList<SignalEnvelope> fresh)
    {
        while (true)
        {
            var lane = lanes.GetOrAdd(address.InstanceId, _ => new Lane(address, handledThrough));
            lock (lane)
            {
                if (lane.Removed)
                {
                    // Dropped between the lookup and the lock: take the lane that replaces it.
                    continue;
                }

                Enqueue(lane, settings, acceptedThrough, fresh);
                return;
            }
        }
    }

    /// <summary>Queues <paramref name="fresh"/> on <paramref name="lane"/> (locked by the caller) and makes sure it runs.</summary>
    private void Enqueue(Lane lane, EntityWorkflowSettings settings, long acceptedThrough, IReadOnlyList<SignalEnvelope> fresh)
    {
        lane.Retired = false;
        lane.Settings = settings;
        lane.AcceptedThrough = Math.Max(lane.AcceptedThrough, acceptedThrough);
        lane.Queue.AddRange(fresh.Where(envelope => envelope.Sequence > lane.RaisedThrough));
        if (lane.Running is null)
        {
            // A lane outlives the turn that starts it: it must not run inside that turn's trace.
            using (ExecutionContext.SuppressFlow())
            {
                lane.Running = Task.Run(() => RunAsync(lane));
            }
        }
        else
        {
            lane.Wake();
        }
    }

    /// <summary>The lanes, and the subscription that wakes a lane when this process hands the sidecar a turn of its workflow.</summary>
    private static ConcurrentDictionary<string, Lane> SubscribedLanes(WorkflowTurns turns)
    {
        var lanes = new ConcurrentDictionary<string, Lane>(StringComparer.Ordinal);
        turns.Subscribe(turn =>
        {
            if (lanes.TryGetValue(turn.InstanceId, out var lane))
            {
                lock (lane)
                {
                    lane.TurnHinted = true;
                    lane.HandedStatus = turn.CustomStatus;
                    lane.Wake();
                }
            }
        });
        return lanes;
    }

    /// <summary>
    /// The entity's view as its lane last read it, while the entity's actor is active in this process and the
    /// lane is keeping up; null otherwise. Every state change of the entity is a batch this lane raised, so
    /// the view is current up to the turns in flight (which a caller asking for read-your-writes waits for).
    /// </summary>
    public EntityView<JsonElement>? LatestView(string instanceId) =>
        lanes.TryGetValue(instanceId, out var lane) ? lane.View : null;

    /// <summary>True when everything up to <paramref name="acceptedThrough"/> was raised, applied and relayed by this process.</summary>
    public bool IsCaughtUp(string instanceId, long acceptedThrough)
    {
        if (!lanes.TryGetValue(instanceId, out var lane))
        {
            return false;
        }

        lock (lane)
        {
            return lane.RaisedThrough >= acceptedThrough && lane.RelayedThrough >= lane.RaisedThrough;
        }
    }

    /// <summary>
    /// The entity's actor deactivates here (idle, or moving to another replica): its lane stops serving reads at
    /// once, since the entity may change elsewhere from now on, and goes away when it has finished its work.
    /// </summary>
    public void Forget(string instanceId)
    {
        if (lanes.TryGetValue(instanceId, out var lane))
        {
            lock (lane)
            {
                lane.View = null;
                lane.Retired = true;
                if (lane.Running is null)
                {
                    Remove(lane);
                }
            }
        }
    }

    /// <summary>
    /// The entity is being erased (in its actor's turn): its lane stops for good, raising and relaying nothing more, and
    /// the next <see cref="Deliver"/> starts a new lane for the new entity. Completes once the lane's loop has ended (or
    /// after <paramref name="timeout"/>; a lane that wakes later sees it was dropped before it raises anything).
    /// </summary>
    public async Task DropAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!lanes.TryGetValue(instanceId, out var lane))
        {
            return;
        }

        Task? running;
        lock (lane)
        {
            lane.View = null;
            lane.Dropped = true;
            lane.Queue.Clear();
            Remove(lane);
            lane.Wake();
            running = lane.Running;
        }

        if (running is not null)
        {
            await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Marks <paramref name="lane"/> (locked by the caller) stopped, and drops a retired one.</summary>
    private void Stop(Lane lane)
    {
        lane.Running = null;
        lane.ReportApplied();
        if (lane.Retired)
        {
            Remove(lane);
        }
    }

    private void Remove(Lane lane)
    {
        lane.Removed = true;
        lanes.TryRemove(new KeyValuePair<string, Lane>(lane.Address.InstanceId, lane));
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        raiseSlots.Dispose();
    }

    private async Task RunAsync(Lane lane)
    {
        var failures = 0;
        var quickReads = QuickReadsAfterTurn;
        bool readDue;
        lock (lane)
        {
            // A lane that knows where it stands reads when a turn is handed over; a new one looks first.
            readDue = lane.RelayedThrough < 0;
        }

        var delay = options.Value.RelayFallbackInterval;
        var lastProgress = TimeProvider.System.GetTimestamp();
        var lastRead = lastProgress;
        while (!stopping.IsCancellationRequested)
        {
            lock (lane)
            {
                if (lane.Dropped)
                {
                    Stop(lane);
                    return;
                }
            }

            try
            {
                await RaiseAsync(lane);
                // A turn that handed over its view needs no read (nor the quick re-reads a bare hint gets). Its waiters
                // hear of it first, then what accumulated while it ran goes out, then the turn's outbox is relayed.
                var handed = TakeHandedView(lane);
                if (handed is not null)
                {
                    quickReads = QuickReadsAfterTurn;
                    Observe(lane, handed);
                    await RaiseAsync(lane);
                }

                if (handed is not null || readDue)
                {
                    lastRead = TimeProvider.System.GetTimestamp();
                    readDue = false;
                    if (await (handed is null ? RelayAsync(lane) : RelayAsync(lane, handed)))
                    {
                        failures = 0;
                        quickReads = QuickReadsAfterTurn;
                        // Turns handed over in this process need no polling but as a safety net; read ones keep it close.
                        delay = handed is null ? options.Value.RelayFallbackInterval : options.Value.MaxPollInterval;
                        lastProgress = TimeProvider.System.GetTimestamp();
                        continue;
                    }
                }

                failures = 0;
                bool hinted;
                bool held;
                lock (lane)
                {
                    var owesRaise = lane.Queue.Count > 0 || lane.RaisedThrough < lane.AcceptedThrough;
                    var owesRelay = lane.RelayedThrough < lane.RaisedThrough;
                    if (!owesRaise && !owesRelay)
                    {
                        Stop(lane);
                        return;
                    }

                    // A workflow that stops moving (stalled, or its app gone) is left to the redelivery reminder.
                    if (owesRelay && TimeProvider.System.GetElapsedTime(lastProgress) > options.Value.RelayStallTimeout)
                    {
                        LogLaneStalled(lane.Address.InstanceId, lane.RaisedThrough, lane.RelayedThrough);
                        lane.View = null;
                        Stop(lane);
                        return;
                    }

                    hinted = lane.TurnHinted;
                    lane.TurnHinted = false;
                    held = owesRaise && IsHeld(lane);
                }

                if (hinted || quickReads < QuickReadsAfterTurn)
                {
                    // A turn was handed to the sidecar and its save follows: read it shortly, backing off while
                    // the sidecar is slow to save (a busy machine) rather than reading it into the ground.
                    quickReads = hinted ? 0 : quickReads + 1;
                    await Task.Delay(options.Value.RelayPollInterval * (1 << quickReads), stopping.Token);
                    readDue = true;
                    continue;
                }

                // No turn seen in this process (its worker may run elsewhere): poll slowly until one is. New signals
                // wake the lane too; while they wait for a batch in flight, the poll still comes when it is due.
                var wait = held ? delay - TimeProvider.System.GetElapsedTime(lastRead) : delay;
                if (wait <= TimeSpan.Zero || !await lane.WaitAsync(wait, stopping.Token))
                {
                    readDue = true;
                    delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), options.Value.MaxPollInterval.Ticks));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                readDue = true;
                LogLaneFailed(ex, lane.Address.InstanceId, failures);
                if (failures >= options.Value.RelayMaxAttempts)
                {
                    lock (lane)
                    {
                        lane.View = null;
                        Stop(lane);
                    }

                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, failures - 1)), stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Raises every stored envelope past <see cref="Lane.RaisedThrough"/>, in order, in as few events as the batch size
    /// allows, once a raise slot is free: while lanes wait for one, their signals gather into larger batches.
    /// </summary>
    private async Task RaiseAsync(Lane lane)
    {
        lock (lane)
        {
            if (IsHeld(lane) || NothingToRaise(lane))
            {
                return;
            }
        }

        await raiseSlots.RunAsync(() => RaiseNowAsync(lane), stopping.Token);
    }

    /// <summary>
    /// One batch in flight: the next waits until the workflow has applied this one. Raised while a turn runs, it would
    /// be taken into that turn, and its own wake-up would find an empty inbox and deactivate the workflow's actor under
    /// the next raise (which the sidecar then retries a second later).
    /// </summary>
    private static bool IsHeld(Lane lane) => lane.AppliedThrough >= 0 && lane.AppliedThrough < lane.RaisedThrough;

    private static bool NothingToRaise(Lane lane) => lane.RaisedThrough >= lane.AcceptedThrough && lane.Queue.Count == 0;

    /// <summary>
    /// The raise itself; only the lane's own loop calls it (through <see cref="RaiseAsync"/>), so the lane is not held.
    /// Answers what its raise slot stays taken for: the batch being applied.
    /// </summary>
    private async Task<Task> RaiseNowAsync(Lane lane)
    {
        List<SignalEnvelope> queued;
        long from;
        long through;
        EntityWorkflowSettings settings;
        long relayed;
        lock (lane)
        {
            if (lane.Dropped || NothingToRaise(lane))
            {
                return Task.CompletedTask;
            }

            from = lane.RaisedThrough + 1;
            through = lane.AcceptedThrough;

            queued = lane.Queue.Where(envelope => envelope.Sequence >= from).OrderBy(envelope => envelope.Sequence).ToList();
            lane.Queue.Clear();
            through = Math.Max(through, queued.Count > 0 ? queued[^1].Sequence : 0);
            settings = lane.Settings!;
            relayed = lane.StoredThrough;
        }

        var batch = new List<SignalEnvelope>();
        var firstQueued = queued.Count > 0 ? queued[0].Sequence : through + 1;
        if (from < firstQueued)
        {
            // Stored by a turn whose lane was lost (crash, failed call): read back, raised again in order.
            var missing = await LoadEnvelopesAsync(lane.Address, from, firstQueued - 1);
            logger.LogRedelivering(lane.Address.InstanceId, missing.Count, from);
            batch.AddRange(missing);
        }

        batch.AddRange(queued.DistinctBy(envelope => envelope.Sequence));
        foreach (var chunk in batch.Chunk(options.Value.MaxBatchSize))
        {
            faults.ThrowIfRaiseInjected(lane.Address);
            lock (lane)
            {
                if (lane.Dropped)
                {
                    return Task.CompletedTask;
                }
            }

            await workflows.RaiseEventAsync(lane.Address.InstanceId, EntityEventNames.Signals, new SignalBatch(chunk, settings, relayed));
            lock (lane)
            {
                lane.RaisedThrough = Math.Max(lane.RaisedThrough, chunk[^1].Sequence);
            }
        }

        lock (lane)
        {
            // Envelopes missing from the store (expired) cannot be raised; move on rather than loop on them.
            lane.RaisedThrough = Math.Max(lane.RaisedThrough, through);
            // Whose turns are handed over here is told of the batch applied at once: its slot is kept until then.
            // A lane that learns it only by polling would keep the slot for the poll's delay, so it gives it back now.
            return lane.TurnsHandedHere ? lane.AppliedAsync() : Task.CompletedTask;
        }
    }

    /// <summary>
    /// The view a turn of this entity's workflow set, as this process's worker handed it to the sidecar (taken
    /// once); null when no such turn came since the last look, or it did not leave a live entity.
    /// </summary>
    /// <remarks>
    /// Trusted without reading it back: the sidecar accepted the turn and saves it right after answering, and
    /// should that save fail it runs the same turn again over the same stored events, and the workflow's code
    /// is deterministic, so it sets the same view (only the timestamps the turn stamps may differ).
    /// </remarks>
    private static EntityView<JsonElement>? TakeHandedView(Lane lane)
    {
        string? status;
        lock (lane)
        {
            status = lane.HandedStatus;
            lane.HandedStatus = null;
            if (status is not null)
            {
                lane.TurnHinted = false;
                lane.TurnsHandedHere = true;
            }
        }

        return status is null ? null : JsonSerializer.Deserialize<EntityView<JsonElement>>(status, EntityJson.Options);
    }

    /// <summary>Reads the workflow's status once and relays what it shows (see <see cref="RelayAsync(Lane, EntityView{JsonElement})"/>).</summary>
    private async Task<bool> RelayAsync(Lane lane)
    {
        lock (lane)
        {
            if (lane.RelayedThrough >= 0 && lane.RelayedThrough >= lane.RaisedThrough)
            {
                return false;
            }

            lane.TurnHinted = false;
        }

        var state = await workflows.ReadWorkflowStateAsync(lane.Address.InstanceId, stopping.Token);
        var view = state?.ReadCustomStatusAs<EntityView<JsonElement>>();
        if (view is null || !await RelayAsync(lane, view))
        {
            return false;
        }

        lock (lane)
        {
            // Progress seen only by reading: the workflow's worker may have moved to another replica.
            lane.TurnsHandedHere = lane.HandedStatus is not null;
        }

        return true;
    }

    /// <summary>
    /// When <paramref name="view"/> moved past what this lane relayed, tells local waiters and relays the outbox
    /// entries not yet relayed (by this lane or, per the view, by anyone). True on progress.
    /// </summary>
    private async Task<bool> RelayAsync(Lane lane, EntityView<JsonElement> view)
    {
        long relayedThrough;
        lock (lane)
        {
            relayedThrough = lane.RelayedThrough;
        }

        if (relayedThrough >= 0 && view.Sequence <= relayedThrough)
        {
            return false;
        }

        Observe(lane, view);
        var batch = new OutcomeBatch(lane.Address.Kind, lane.Address.Id, view.Outbox);
        var unpublished = view.Outbox.Where(applied => applied.Outcome.Sequence > Math.Max(relayedThrough, view.RelayedThrough)).ToList();
        if (unpublished.Count > 0)
        {
            await recorder.PublishAsync(batch with { Applied = unpublished }, stopping.Token);
        }

        // Outcome records matter only once an outcome has left the status's recent outcomes: store them a few
        // signals before that, a batch per write (the write competes with the next signal's for the store).
        // Until stored they stay in the outbox (the lane reports only stored ones as relayed), so a lane that
        // dies loses no record; at worst it publishes a few events again.
        var storedThrough = Math.Max(lane.StoredThrough, view.RelayedThrough);
        var keep = Math.Max(1, Math.Min(MaxUnstoredOutcomes, (lane.Settings?.RecentOutcomes ?? 1) / 2));
        var horizon = view.Sequence - keep;
        var unstored = view.Outbox.Where(applied => applied.Outcome.Sequence > storedThrough && applied.Outcome.Sequence <= horizon).ToList();
        if (unstored.Count == 0)
        {
            storedThrough = Math.Max(storedThrough, horizon);
        }
        else if (unstored[0].Outcome.Sequence <= horizon - keep + 1)
        {
            // The oldest is at most 2 × keep behind, still among the recent outcomes (keep ≤ half of them).
            await recorder.StoreAsync(batch with { Applied = unstored }, stopping.Token);
            storedThrough = horizon;
        }

        lock (lane)
        {
            lane.RelayedThrough = Math.Max(lane.RelayedThrough, view.Sequence);
            lane.RaisedThrough = Math.Max(lane.RaisedThrough, view.Sequence);
            lane.StoredThrough = Math.Max(lane.StoredThrough, storedThrough);
        }

        return true;
    }

    /// <summary>Takes <paramref name="view"/> as the entity's latest and wakes the waiters it answers: in memory, before any call.</summary>
    private void Observe(Lane lane, EntityView<JsonElement> view)
    {
        lock (lane)
        {
            if (lane.View is null || lane.View.Sequence <= view.Sequence)
            {
                lane.View = view;
            }

            lane.AppliedThrough = Math.Max(lane.AppliedThrough, view.Sequence);
            if (lane.AppliedThrough >= lane.RaisedThrough)
            {
                lane.ReportApplied();
            }
        }

        progress.Reached(lane.Address.InstanceId, view.Sequence);
    }

    private async Task<List<SignalEnvelope>> LoadEnvelopesAsync(EntityAddress address, long from, long to)
    {
        var keys = new List<string>();
        for (var sequence = from; sequence <= to; sequence++)
        {
            keys.Add(address.EnvelopeKey(sequence));
        }

        var stored = await dapr.GetBulkStateAsync(components.Value.EntityStore, keys, parallelism: null, cancellationToken: stopping.Token);
        return stored
            .Where(item => !string.IsNullOrEmpty(item.Value))
            .Select(item => JsonSerializer.Deserialize<SignalEnvelope>(item.Value, EntityJson.Options)!)
            .OrderBy(envelope => envelope.Sequence)
            .ToList();
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Signal lane of {InstanceId} failed (attempt {Attempt}); retrying, then leaving it to the redelivery reminder")]
    private partial void LogLaneFailed(Exception exception, string instanceId, int attempt);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Workflow {InstanceId} has not moved past {Relayed} (raised through {Raised}); leaving it to the redelivery reminder")]
    private partial void LogLaneStalled(string instanceId, long raised, long relayed);

    /// <summary>One entity's traffic in this process. Guarded by locking the lane itself.</summary>
    private sealed class Lane(EntityAddress address, long handledThrough)
    {
        private TaskCompletionSource woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? applied;

        public EntityAddress Address { get; } = address;

        public List<SignalEnvelope> Queue { get; } = [];

        public EntityWorkflowSettings? Settings { get; set; }

        public long AcceptedThrough { get; set; } = handledThrough;

        /// <summary>Highest sequence in the workflow's inbox or history.</summary>
        public long RaisedThrough { get; set; } = handledThrough;

        /// <summary>Highest sequence the workflow was seen to have applied; -1 until a view was seen.</summary>
        public long AppliedThrough { get; set; } = -1;

        /// <summary>Highest sequence whose events this lane published; -1 until the lane has read the status once.</summary>
        public long RelayedThrough { get; set; } = -1;

        /// <summary>Highest sequence up to which every outcome record is stored; what the workflow is told was relayed.</summary>
        public long StoredThrough { get; set; }

        public Task? Running { get; set; }

        /// <summary>Turns of this entity's workflow were lately handed over by this process's worker (not only read).</summary>
        public bool TurnsHandedHere { get; set; }

        /// <summary>Completes once everything raised is applied (or the lane stops). Called with the lane locked.</summary>
        public Task AppliedAsync() =>
            AppliedThrough >= RaisedThrough ? Task.CompletedTask : (applied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>Completes what <see cref="AppliedAsync"/> gave out. Called with the lane locked.</summary>
        public void ReportApplied()
        {
            applied?.TrySetResult();
            applied = null;
        }

        /// <summary>The status as last read; null when none was, or when the lane stopped keeping up.</summary>
        public volatile EntityView<JsonElement>? View;

        /// <summary>The entity's actor deactivated here; the lane goes once its work is done.</summary>
        public bool Retired { get; set; }

        /// <summary>No longer in the pump's lanes; whoever finds it must look the entity up again.</summary>
        public bool Removed { get; set; }

        /// <summary>Its entity is being erased: the lane raises and relays nothing more.</summary>
        public bool Dropped { get; set; }

        /// <summary>A turn of this entity was handed to the sidecar since the lane last read its status.</summary>
        public bool TurnHinted { get; set; }

        /// <summary>The custom status of the latest such turn, when it left a live entity; taken by the lane.</summary>
        public string? HandedStatus { get; set; }

        /// <summary>Ends the current <see cref="WaitAsync"/> early. Called with the lane locked.</summary>
        public void Wake() => woken.TrySetResult();

        /// <summary>Waits for <see cref="Wake"/> or the timeout; true when woken.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Task signal;
            lock (this)
            {
                signal = woken.Task;
            }

            await Task.WhenAny(signal, Task.Delay(timeout, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            lock (this)
            {
                if (!woken.Task.IsCompleted)
                {
                    return false;
                }

                woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return true;
            }
        }
    }
}
