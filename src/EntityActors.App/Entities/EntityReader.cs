using System.Diagnostics;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Entities;

/// <summary>
/// Reads entities without replaying anything: the view is the custom status the workflow published after
/// its last turn, loaded by the sidecar from the instance's stored rows.
/// </summary>
public sealed class EntityReader(
    DaprWorkflowClient workflows,
    DaprClient dapr,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> options)
{
    public async Task<EntityView<TState>?> GetAsync<TState>(EntityAddress address, CancellationToken cancellationToken)
    {
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
    public async Task<EntityView<TState>?> WaitUntilAsync<TState>(
        EntityAddress address, Func<EntityView<TState>, bool> reached, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Clamp(wait).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var view = await GetAsync<TState>(address, cancellationToken);
            if (view is null || reached(view) || Stopwatch.GetTimestamp() >= deadline)
            {
                return view;
            }

            await Task.Delay(options.Value.PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// The outcome of the signal with <paramref name="sequence"/>, waiting (bounded) for it to be applied.
    /// Found in the workflow's recent outcomes, or for older signals in the record the workflow stored.
    /// </summary>
    public async Task<(SignalOutcome? Outcome, EntityView<TState>? View)> WaitForOutcomeAsync<TState>(
        EntityAddress address, long sequence, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Clamp(wait).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var view = await GetAsync<TState>(address, cancellationToken);
            if (view is not null && view.Sequence >= sequence)
            {
                var outcome = view.FindOutcome(sequence)
                    ?? await dapr.GetStateAsync<SignalOutcome?>(components.Value.StateStore, address.OutcomeKey(sequence), cancellationToken: cancellationToken);
                if (outcome is not null)
                {
                    return (outcome, view);
                }
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return (null, view);
            }

            await Task.Delay(options.Value.PollInterval, cancellationToken);
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.Value.MaxWait ? options.Value.MaxWait : wait;
}
