using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Versioning;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// One long-lived workflow per entity: the durable holder of what its single writer decided. It waits for batches of
/// decided envelopes, folds them in sequence order through the same pure rules (reporting any signal it decides
/// otherwise), publishes the result as custom status, keeps the entity's timers, and continues as new before the
/// history grows or when its generation grows old. It never returns on its own: a completed or failed entity workflow
/// would be wiped and restarted from scratch by the next schedule of its id.
/// </summary>
public abstract class EntityWorkflow<TEntity, TState, TSignal, TEvent> : Workflow<EntityCheckpoint<TState>, object?>
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    public override async Task<object?> RunAsync(WorkflowContext context, EntityCheckpoint<TState> input)
    {
        var checkpoint = input;
        // An entity's first signals come with its input (signal-with-start): apply them before anything else.
        if (checkpoint.Pending.Count > 0)
        {
            checkpoint = Absorb(context, checkpoint, new SignalBatch([], checkpoint.Settings, checkpoint.RelayedThrough));
        }

        // Continue-as-new clears the custom status: publish it before the first wait of every generation.
        context.SetCustomStatus(checkpoint.ToView());
        // Asked once per generation, before its first wait: a generation begun before the patch replays without an age
        // limit to its end, one begun since has its timer from its first episode (docs/versioning.md).
        var generation = context.IsPatched(WorkflowPatches.GenerationMaxAge) ? GenerationTimer.Start(context, checkpoint.Settings) : null;
        long? idleSignalSentAt = null;
        while (checkpoint.HandledThisGeneration < checkpoint.Settings.ContinueAsNewAfterSignals)
        {
            // An entity that goes idle signals itself through its own intake, so the signal is sequenced,
            // deduplicated and decided like any other. Once sent, wait for it rather than set another timer.
            var idleDeadline = idleSignalSentAt == checkpoint.Sequence ? null : IdleDeadline(checkpoint);
            var arrival = await WaitForSignalsAsync(context, idleDeadline, generation);
            if (arrival.Batch is { } batch)
            {
                checkpoint = Absorb(context, checkpoint, batch);
                context.SetCustomStatus(checkpoint.ToView());
            }
            else if (arrival.EndsGeneration)
            {
                break;
            }
            else
            {
                await SendIdleSignalAsync(context, checkpoint);
                idleSignalSentAt = checkpoint.Sequence;
            }
        }

        // Nothing is waiting for an event here (every arrival was consumed or its wait withdrawn), so no signal can be lost.
        context.ContinueAsNew(checkpoint.NextGeneration(), preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>When this entity, if nothing else arrives, should be sent its <see cref="IdleSignal"/>; null for never.</summary>
    protected virtual DateTimeOffset? IdleDeadline(EntityCheckpoint<TState> checkpoint) => null;

    /// <summary>The signal an idle entity sends itself; its key makes a replayed or retried send a duplicate.</summary>
    protected virtual SignalCommand IdleSignal(EntityCheckpoint<TState> checkpoint) =>
        throw new NotSupportedException($"{GetType().Name} has no idle signal.");

    private EntityCheckpoint<TState> Absorb(WorkflowContext context, EntityCheckpoint<TState> checkpoint, SignalBatch batch)
    {
        var absorbed = EntityLoop<TEntity, TState, TSignal, TEvent>.Absorb(checkpoint, batch);
        foreach (var divergence in absorbed.Divergences)
        {
            context.CreateReplaySafeLogger(GetType()).LogDivergence(context.InstanceId, divergence.Sequence, divergence.AtIntake, divergence.InWorkflow, divergence.EventsDiffer);
        }

        return absorbed.Checkpoint;
    }

    private async Task SendIdleSignalAsync(WorkflowContext context, EntityCheckpoint<TState> checkpoint)
    {
        try
        {
            await context.CallActivityAsync<SignalReceipt>(nameof(SubmitSignalActivity), IdleSignal(checkpoint), RetryOptions(checkpoint.Settings));
        }
        catch (WorkflowTaskFailedException ex)
        {
            // Not sent; the next signal re-arms the timer. The workflow itself must never fail.
            context.CreateReplaySafeLogger(GetType()).LogIdleSignalNotSent(checkpoint.Kind, checkpoint.Id, ex.Message);
        }
    }

    /// <summary>The next batch, or why none came: the idle deadline passed, or the generation grew old.</summary>
    private static async Task<Arrival> WaitForSignalsAsync(WorkflowContext context, DateTimeOffset? idleDeadline, GenerationTimer? generation)
    {
        if (generation is { Fired.IsCompleted: true })
        {
            return Arrival.GenerationAged;
        }

        // An idle deadline that comes first bounds the wait with the SDK's timed wait, as it did before generations aged.
        if (idleDeadline is { } due && (generation is null || due < generation.Deadline))
        {
            var remaining = due - context.CurrentUtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                return Arrival.Idle;
            }

            try
            {
                return new Arrival(await context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals, remaining));
            }
            catch (TaskCanceledException)
            {
                return Arrival.Idle;
            }
        }

        if (generation is null)
        {
            return new Arrival(await context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals));
        }

        using var withdraw = new CancellationTokenSource();
        var signals = context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals, withdraw.Token);
        if (await Task.WhenAny(signals, generation.Fired) == signals)
        {
            return new Arrival(await signals);
        }

        // A wait left open would be handed the next batch, which then would not carry over to the next generation.
        // Cancel (not CancelAsync) withdraws it now, within this episode, as every replay of it will.
        withdraw.Cancel();
        return Arrival.GenerationAged;
    }

    private static WorkflowTaskOptions RetryOptions(EntityWorkflowSettings settings) =>
        new(new WorkflowRetryPolicy(settings.ActivityMaxAttempts, settings.ActivityFirstRetry, 2.0, settings.ActivityMaxRetry));

    /// <summary>What ended a wait: a batch, or none because the idle deadline passed or the generation grew old.</summary>
    private sealed record Arrival(SignalBatch? Batch, bool EndsGeneration = false)
    {
        public static Arrival Idle { get; } = new(Batch: null);

        public static Arrival GenerationAged { get; } = new(Batch: null, EndsGeneration: true);
    }

    /// <summary>One durable timer per generation, set when it begins: when it fires, the generation continues as new.</summary>
    private sealed record GenerationTimer(DateTimeOffset Deadline, Task Fired)
    {
        public static GenerationTimer? Start(WorkflowContext context, EntityWorkflowSettings settings)
        {
            if (settings.GenerationMaxAge is not { } maxAge)
            {
                return null;
            }

            var deadline = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + maxAge;
            return new GenerationTimer(deadline, context.CreateTimer(deadline.UtcDateTime, CancellationToken.None));
        }
    }
}
