using System.Collections.Concurrent;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Carries what entities' single writers stored and decided on to their workflows and subscribers, outside the
/// writers' turns: one <see cref="RelayLane"/> per entity, run here. Nothing here is needed for safety: the envelopes
/// are stored (decided) before a lane sees them, so a lane that dies (crash, repeated failures) is restarted by the
/// writer's redelivery reminder and loses nothing; what it had published and not yet reported is published again
/// (same event ids). A lane hears at once when this process's worker hands its workflow's episode to the sidecar
/// (<see cref="WorkflowEpisodes"/>), and reads the workflow's status only when that worker runs elsewhere.
/// </summary>
public sealed partial class SignalRelay : IDisposable
{
    private readonly ConcurrentDictionary<string, LaneHandle> lanes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly DaprWorkflowClient workflows;
    private readonly StoredEnvelopes envelopes;
    private readonly DomainEventPublisher publisher;
    private readonly LocalEntityActors writers;
    private readonly FaultInjection faults;
    private readonly SignalMetrics metrics;
    private readonly TimeProvider time;
    private readonly RelayOptions options;
    private readonly RaiseSlots raiseSlots;
    private readonly ILogger<SignalRelay> logger;

    public SignalRelay(
        DaprWorkflowClient workflows,
        StoredEnvelopes envelopes,
        DomainEventPublisher publisher,
        WorkflowEpisodes episodes,
        LocalEntityActors writers,
        FaultInjection faults,
        SignalMetrics metrics,
        TimeProvider time,
        IOptions<RelayOptions> options,
        ILogger<SignalRelay> logger)
    {
        this.workflows = workflows;
        this.envelopes = envelopes;
        this.publisher = publisher;
        this.writers = writers;
        this.faults = faults;
        this.metrics = metrics;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
        raiseSlots = new RaiseSlots(this.options.RaisesInFlight, this.options.RaiseSlotHold);
        episodes.Subscribe(OnEpisode);
    }

    /// <summary>
    /// Called by an entity's writer once <paramref name="decided"/> (and everything up to <paramref name="acceptedThrough"/>)
    /// is stored; <paramref name="marks"/> say where a new lane starts. <paramref name="decided"/> may be empty (a
    /// redelivery kick); what the lane lacks it reads back from the store.
    /// </summary>
    public void Deliver(
        EntityAddress address, EntityWorkflowSettings settings, RelayMarks marks, IReadOnlyList<SignalEnvelope> decided, long acceptedThrough, WorkflowStart? start = null)
    {
        while (true)
        {
            var handle = lanes.GetOrAdd(address.InstanceId, _ => new LaneHandle(new RelayLane(address, marks, options, time.GetUtcNow())));
            lock (handle)
            {
                if (handle.Removed)
                {
                    // Dropped between the lookup and the lock: take the lane that replaces it.
                    continue;
                }

                handle.Retired = false;
                handle.Lane.Accept(settings, marks, decided, acceptedThrough, time.GetUtcNow(), start);
                if (handle.Running is null)
                {
                    // A lane outlives the turn that starts it: it must not run inside that turn's trace.
                    using (ExecutionContext.SuppressFlow())
                    {
                        handle.Running = Task.Run(() => RunAsync(handle));
                    }
                }
                else
                {
                    handle.Wake();
                }

                return;
            }
        }
    }

    /// <summary>Whether this process's lane saw everything through <paramref name="acceptedThrough"/> published and applied; null without a lane.</summary>
    public bool? IsCaughtUp(string instanceId, long acceptedThrough)
    {
        if (!lanes.TryGetValue(instanceId, out var handle))
        {
            return null;
        }

        lock (handle)
        {
            return handle.Lane.IsCaughtUp(acceptedThrough);
        }
    }

    /// <summary>The entity's writer deactivates here: its lane goes once it has finished its work.</summary>
    public void Forget(string instanceId)
    {
        if (lanes.TryGetValue(instanceId, out var handle))
        {
            lock (handle)
            {
                handle.Retired = true;
                if (handle.Running is null)
                {
                    Remove(handle);
                }
            }
        }
    }

    /// <summary>
    /// The entity is being erased (in its writer's turn): its lane stops for good, raising and publishing nothing more,
    /// and the next <see cref="Deliver"/> starts a new lane for the new entity. Completes once the lane's runner has
    /// ended, or after <paramref name="timeout"/> (a runner that wakes later sees it was dropped before its next step).
    /// </summary>
    public async Task DropAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!lanes.TryGetValue(instanceId, out var handle))
        {
            return;
        }

        Task? running;
        lock (handle)
        {
            handle.Lane.Drop();
            Remove(handle);
            handle.Wake();
            running = handle.Running;
        }

        if (running is not null)
        {
            await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        raiseSlots.Dispose();
    }

    private void OnEpisode(WorkflowEpisode episode)
    {
        if (!lanes.TryGetValue(episode.InstanceId, out var handle))
        {
            return;
        }

        var progress = WorkflowProgress.Parse(episode.CustomStatus);
        lock (handle)
        {
            if (progress is null)
            {
                // The episode ended the workflow or set no status: only a read says what happened.
                handle.Lane.TimedOut();
            }
            else
            {
                Observe(handle, progress, seenHere: true);
            }

            handle.Wake();
        }
    }

    private async Task RunAsync(LaneHandle handle)
    {
        var address = handle.Lane.Address;
        while (!stopping.IsCancellationRequested)
        {
            RelayStep step;
            lock (handle)
            {
                step = handle.Lane.Next(time.GetUtcNow());
                if (step is RelayStep.Stop stop)
                {
                    if (stop.Reason is { } reason)
                    {
                        LogLaneGaveUp(address.InstanceId, reason);
                    }

                    handle.Running = null;
                    handle.ReportApplied();
                    if (handle.Retired)
                    {
                        Remove(handle);
                    }

                    return;
                }
            }

            try
            {
                await RunStepAsync(handle, step);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLaneFailed(ex, address.InstanceId);
                lock (handle)
                {
                    handle.Lane.Failed(time.GetUtcNow());
                }
            }
        }
    }

    private async Task RunStepAsync(LaneHandle handle, RelayStep step)
    {
        var lane = handle.Lane;
        var token = stopping.Token;
        switch (step)
        {
            case RelayStep.Start start:
                var started = await workflows.TryScheduleNewWorkflowAsync(start.Workflow.Name, lane.Address.InstanceId, start.Workflow.Input);
                if (started)
                {
                    logger.LogWorkflowStarted(lane.Address.InstanceId);
                    EntityLifetimeMetrics.EntityCreated(lane.Address.Kind);
                }

                lock (handle)
                {
                    lane.Started(withInput: started);
                    lane.Succeeded();
                }

                break;
            case RelayStep.Publish publish:
                await publisher.PublishAsync(lane.Address, publish.Signals, token);
                lock (handle)
                {
                    lane.Published(publish.Through);
                    lane.Succeeded();
                }

                break;
            case RelayStep.Load load:
                var loaded = await envelopes.ReadAsync(lane.Address, load.From, load.To, token);
                if (loaded.Count < load.To - load.From + 1)
                {
                    logger.LogRedelivering(lane.Address.InstanceId, loaded.Count, load.From);
                }

                lock (handle)
                {
                    lane.Loaded(loaded, load.To);
                }

                break;
            case RelayStep.Raise raise:
                await raiseSlots.RunAsync(() => RaiseAsync(handle, raise), token);
                break;
            case RelayStep.ReadStatus:
                LogReadingStatus(lane.Address.InstanceId, lane.AppliedThrough, lane.RaisedThrough);
                var state = await workflows.ReadWorkflowStateAsync(lane.Address.InstanceId, token);
                var progress = state is { Exists: true } ? state.ReadCustomStatusAs<WorkflowProgress>() : null;
                lock (handle)
                {
                    if (progress is not null)
                    {
                        // Progress that no handed episode reported: the workflow's worker runs elsewhere now.
                        Observe(handle, progress, seenHere: lane.EpisodesSeenHere && progress.Sequence <= lane.AppliedThrough);
                        lane.Succeeded();
                    }
                    else
                    {
                        lane.Failed(time.GetUtcNow());
                    }
                }

                break;
            case RelayStep.Wait wait:
                if (!await handle.WaitAsync(wait.Timeout, token))
                {
                    lock (handle)
                    {
                        lane.TimedOut();
                    }
                }

                break;
        }
    }

    /// <summary>The raise itself; answers what its raise slot stays taken for: the batch being applied, where this process hears of it.</summary>
    private async Task<Task> RaiseAsync(LaneHandle handle, RelayStep.Raise raise)
    {
        var address = handle.Lane.Address;
        faults.ThrowIfRaiseInjected(address);
        await workflows.RaiseEventAsync(address.InstanceId, EntityEventNames.Signals, raise.Batch);
        LogRaised(address.InstanceId, raise.Batch.Signals.Count, raise.Through);
        lock (handle)
        {
            handle.Lane.Raised(raise.Through, time.GetUtcNow());
            handle.Lane.Succeeded();
            // A lane that learns of the applied batch only by polling would keep the slot for the poll's delay.
            return handle.Lane.EpisodesSeenHere ? handle.AppliedAsync() : Task.CompletedTask;
        }
    }

    /// <summary>Takes <paramref name="progress"/> in (the handle locked by the caller); a divergence reloads the entity's writer.</summary>
    private void Observe(LaneHandle handle, WorkflowProgress progress, bool seenHere)
    {
        if (handle.Lane.Observed(progress, seenHere, time.GetUtcNow()))
        {
            metrics.Diverged(handle.Lane.Address.Kind);
            if (writers.TryGet(handle.Lane.Address.InstanceId, out var writer))
            {
                writer.Reload();
            }
        }

        if (!handle.Lane.InFlight)
        {
            handle.ReportApplied();
        }
    }

    private void Remove(LaneHandle handle)
    {
        handle.Removed = true;
        lanes.TryRemove(new KeyValuePair<string, LaneHandle>(handle.Lane.Address.InstanceId, handle));
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Relay lane of {InstanceId} failed; retrying, then leaving it to the redelivery reminder")]
    private partial void LogLaneFailed(Exception exception, string instanceId);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Debug, Message = "Reading the status of workflow {InstanceId}: applied through {Applied}, raised through {Raised}")]
    private partial void LogReadingStatus(string instanceId, long applied, long raised);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Debug, Message = "Raised {Count} signals to workflow {InstanceId}, through sequence {Through}")]
    private partial void LogRaised(string instanceId, int count, long through);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Relay lane of {InstanceId} stops: {Reason}; the redelivery reminder resumes it")]
    private partial void LogLaneGaveUp(string instanceId, string reason);
}
