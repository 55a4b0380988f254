using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Engine.Relay;

/// <summary>The steps a lane takes, as its state machine names them.</summary>
public sealed partial class SignalRelay
{
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
}
