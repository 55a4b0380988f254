using System.Diagnostics;
using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Queries;

/// <summary>
/// Reads entities without replaying anything: the view is the custom status the workflow published after
/// its last turn, as the entity's <see cref="SignalPump"/> lane last read it when the entity's actor lives in
/// this process, else loaded by the sidecar from the instance's stored rows.
/// </summary>
public sealed class EntityReader(
    DaprWorkflowClient workflows,
    DaprClient dapr,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> options,
    EntityProgress progress,
    SignalPump pump)
{
    public async Task<EntityView<TState>?> GetAsync<TState>(EntityAddress address, CancellationToken cancellationToken)
    {
        // The entity's actor lives here and its lane keeps up: the lane read the status after the last turn.
        if (pump.LatestView(address.InstanceId) is { } latest)
        {
            return latest.WithState(latest.State.Deserialize<TState>(EntityJson.Options)!);
        }

        var state = await workflows.ReadWorkflowStateAsync(address.InstanceId, cancellationToken);
        if (state is not { Exists: true })
        {
            return null;
        }

        // Between scheduling and the first turn there is no status yet: the entity exists, untouched.
        return state.ReadCustomStatusAs<EntityView<TState>>()
            ?? state.ReadInputAs<EntityCheckpoint<TState>>()?.ToView();
    }

    /// <summary>Waits (bounded) until the entity's view satisfies <paramref name="reached"/>; returns the latest view either way.</summary>
    public Task<EntityView<TState>?> WaitUntilAsync<TState>(
        EntityAddress address, Func<EntityView<TState>, bool> reached, long sequenceHint, TimeSpan wait, CancellationToken cancellationToken) =>
        PollAsync(
            address,
            Math.Max(1, sequenceHint),
            wait,
            async token =>
            {
                var view = await GetAsync<TState>(address, token);
                return (view is null || reached(view), view, (view?.Sequence ?? 0) + 1);
            },
            cancellationToken);

    /// <summary>
    /// The outcome of the signal with <paramref name="sequence"/>, waiting (bounded) for it to be applied.
    /// Found in the workflow's recent outcomes, or for older signals in the record the workflow stored.
    /// </summary>
    public async Task<(SignalOutcome? Outcome, EntityView<TState>? View)> WaitForOutcomeAsync<TState>(
        EntityAddress address, long sequence, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (outcome, view) = await PollAsync<(SignalOutcome?, EntityView<TState>?)>(
            address,
            sequence,
            wait,
            async token =>
            {
                var view = await GetAsync<TState>(address, token);
                if (view is null || view.Sequence < sequence)
                {
                    return (false, (null, view), sequence);
                }

                var outcome = view.FindOutcome(sequence)
                    ?? await dapr.GetStateAsync<SignalOutcome?>(components.Value.EntityStore, address.OutcomeKey(sequence), cancellationToken: token);
                return (outcome is not null, (outcome, view), sequence);
            },
            cancellationToken);
        return (outcome, view);
    }

    /// <summary>
    /// Re-reads until <paramref name="attempt"/> says done or the wait is over. Between reads it sleeps until the
    /// entity reports progress in this process (<see cref="EntityProgress"/>) or an interval passes that starts
    /// short (an answer usually comes within one workflow turn) and grows; it registers for the news before
    /// reading, so a report landing in between is not missed.
    /// </summary>
    private async Task<T> PollAsync<T>(
        EntityAddress address,
        long awaited,
        TimeSpan wait,
        Func<CancellationToken, Task<(bool Done, T Result, long NextAwaited)>> attempt,
        CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Clamp(wait).TotalSeconds * Stopwatch.Frequency);
        var interval = options.Value.PollInterval;
        while (true)
        {
            using var registration = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progressed = progress.WhenReachedAsync(address.InstanceId, awaited, registration.Token);
            var (done, result, next) = await attempt(cancellationToken);
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (done || Stopwatch.GetTimestamp() >= deadline)
            {
                await registration.CancelAsync();
                return result;
            }

            awaited = next;
            var fallback = remaining < interval ? remaining : interval;
            await Task.WhenAny(progressed, Task.Delay(fallback, cancellationToken));
            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * 1.5), options.Value.MaxPollInterval.Ticks));
            cancellationToken.ThrowIfCancellationRequested();
            await registration.CancelAsync();
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.Value.MaxWait ? options.Value.MaxWait : wait;
}
