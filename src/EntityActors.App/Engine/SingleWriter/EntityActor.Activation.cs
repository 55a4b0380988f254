using System.Diagnostics;
using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>Loading the entity into an activation, and the activation's start and end.</summary>
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent>
{
    /// <summary>Counts this entity as live (<see cref="EntityLifetimeMetrics"/>) while its actor is active.</summary>
    protected override Task OnActivateAsync()
    {
        EntityLifetimeMetrics.Activated(TEntity.Kind);
        services.LocalActors.Activated(Address.InstanceId, this);
        return base.OnActivateAsync();
    }

    protected override async Task OnDeactivateAsync()
    {
        EntityLifetimeMetrics.Deactivated(TEntity.Kind);
        await InTurnAsync(RetireAsync);
        await base.OnDeactivateAsync();
    }

    /// <summary>Stops serving this process, drops the lane, and removes the reminder of a caught-up entity.</summary>
    private async Task RetireAsync()
    {
        var address = Address;
        deactivated = true;
        quietTimer?.Dispose();
        services.LocalActors.Deactivated(address.InstanceId, this);
        var caughtUp = redeliveryRegistered && loaded is { } state && IsCaughtUp(address, state);
        relay.Forget(address.InstanceId);
        if (!caughtUp)
        {
            return;
        }

        try
        {
            await RemoveRedeliveryAsync();
        }
        catch (Exception ex)
        {
            // E.g. the scheduler already gone at shutdown. Harmless: the reminder finds the entity caught up and goes.
            Logger.LogReminderNotRemoved(ex, address.InstanceId, "as its actor deactivated");
        }
    }

    /// <summary>
    /// The state a new entity of this id starts from: the kind's initial state, unless an erased entity of the same id
    /// left something the new one must carry on (a cart's count of checkouts, whose ids other entities remember).
    /// </summary>
    protected virtual Task<TState> InitialStateAsync(EntityAddress address) => Task.FromResult(TEntity.Initial);

    /// <summary>
    /// The entity as this activation holds it; loaded once per activation (and after a failed turn, a divergence, or an
    /// interruption of this process that let another activation write, <see cref="WriterContinuity"/>):
    /// its workflow's status, then every envelope stored after it, decided again in order. Refuses an entity whose
    /// workflow has ended, because scheduling that id again would silently wipe it.
    /// </summary>
    private async Task<WriterState<TState>> LoadAsync(EntityAddress address)
    {
        if (loaded is { } current && !reloadRequested && services.Continuity.Holds(current.LoadedIn))
        {
            return current;
        }

        reloadRequested = false;
        // Taken before anything is read: an interruption while loading makes this load one to repeat.
        var epoch = services.Continuity.Epoch;
        var reading = Stopwatch.GetTimestamp();
        var workflow = await workflows.ReadWorkflowStateAsync(address.InstanceId);
        if (Stopwatch.GetElapsedTime(reading) > SlowTurn)
        {
            Logger.LogSlowWorkflowRead(address.InstanceId, Stopwatch.GetElapsedTime(reading).TotalMilliseconds);
        }

        if (workflow is { Exists: true, RuntimeStatus: WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated })
        {
            throw new EntityUnavailableException(
                $"The workflow of {address} is {workflow.RuntimeStatus}; it takes no signals until an operator restores it.");
        }

        initialState = workflow is { Exists: true } ? TEntity.Initial : await InitialStateAsync(address);
        var initial = EntityCheckpoint<TState>.Initial(address.Kind, address.Id, initialState, settings);
        // Scheduled but not run yet, the workflow has no status: its first signals are stored, decided again below.
        var view = workflow is { Exists: true } ? workflow.ReadCustomStatusAs<EntityView<TState>>() : null;
        var from = view is null
            ? initial
            : initial with { State = view.State, Version = view.Version, Sequence = view.Sequence, LastChangedAt = view.LastChangedAt };
        var (head, etag) = await services.Store.GetWithETagAsync<EntityHead?>(address.HeadKey);
        var next = Math.Max(head?.NextSequence ?? 1, from.Sequence + 1);
        if (await insertIfAbsent.IsSupportedAsync())
        {
            // The head is a lower bound there: the envelopes stored after it, all in a row, say where it really is.
            next = await NextFreeSequenceAsync(address, next);
        }

        var stored = next > from.Sequence + 1 ? await services.Envelopes.ReadAsync(address, from.Sequence + 1, next - 1, CancellationToken.None) : [];
        var (entity, divergences) = IntakeLedger<TEntity, TState, TSignal, TEvent>.Replay(from, stored);
        foreach (var divergence in divergences)
        {
            Logger.LogWriterDiverged(address.InstanceId, divergence.Sequence, divergence.AtIntake, divergence.InWorkflow);
            services.Metrics.Diverged(address.Kind);
        }

        var missing = workflow is not { Exists: true };
        var state = new WriterState<TState>(
            entity,
            missing && entity.Sequence == 0 ? null : WriterState<TState>.ViewOf(entity),
            head ?? new EntityHead(1, time.GetUtcNow()),
            string.IsNullOrEmpty(etag) ? null : etag,
            missing,
            view?.Sequence ?? 0,
            view?.RelayedThrough ?? 0,
            stored)
        {
            LoadedIn = epoch,
        };
        loaded = state;
        return state;
    }

    /// <summary>
    /// Whether everything stored is applied by the workflow and published: as this process's lane saw it, else as the
    /// workflow said at load.
    /// </summary>
    private bool IsCaughtUp(EntityAddress address, WriterState<TState> state) =>
        relay.IsCaughtUp(address.InstanceId, state.AcceptedThrough)
        ?? (state.WorkflowApplied >= state.AcceptedThrough && state.WorkflowRelayed >= state.AcceptedThrough);

    /// <summary>The first sequence from <paramref name="from"/> on with no stored envelope.</summary>
    private async Task<long> NextFreeSequenceAsync(EntityAddress address, long from)
    {
        // One key first: a new entity, or a head that is up to date, needs no more.
        for (var window = 1; ; window = EntityHead.WrittenEvery)
        {
            var keys = Enumerable.Range(0, window).Select(offset => address.EnvelopeKey(from + offset)).ToList();
            var present = (await services.Reads.ReadPresentAsync(keys, CancellationToken.None)).Keys.ToHashSet(StringComparer.Ordinal);
            var gap = keys.FindIndex(key => !present.Contains(key));
            if (gap >= 0)
            {
                return from + gap;
            }

            from += window;
        }
    }
}
