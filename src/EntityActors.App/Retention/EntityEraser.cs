using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.ReadModel.Storage;
using EntityActors.Domain.Common;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Retention;

/// <summary>
/// Erases one entity entirely: its signal lane in this replica, its workflow (told to complete, then purged), every record of
/// it in the entity store (idempotency keys, envelopes, outcome records, head) and its read-model row; subscribers hear of
/// it first (<see cref="EntityErasedEvent"/>). Runs as a turn of
/// the entity's actor (<see cref="IEntityActor.EraseAsync"/>), the entity's single writer, so no signal is stored
/// while it runs: what was acknowledged before is erased with the entity, what comes after starts a new one.
/// The keys are found through the envelopes, which name them: every sequence from 1 to the last stored is walked.
/// </summary>
public sealed partial class EntityEraser(
    IEntityStore store,
    DaprWorkflowClient workflows,
    SignalRelay relay,
    ReadModelStore readModel,
    IOptions<RetentionOptions> options,
    IOptions<EntityWorkflowOptions> workflowOptions,
    IEnumerable<IEntityEraseGuard> guards,
    IEnumerable<IEntityEraseStep> steps,
    ErasedEventPublisher erased,
    TimeProvider time,
    ILogger<EntityEraser> logger)
{
    /// <summary>Why the entity may not be erased now, as its actor sees it; null when it may.</summary>
    public Rejection? Refusal(EntityAddress address, EntityView<JsonElement> view) =>
        guards.Where(guard => guard.Kind == address.Kind).Select(guard => guard.Refusal(view)).FirstOrDefault(refusal => refusal is not null);

    /// <summary>
    /// Erases the entity at <paramref name="address"/>; <paramref name="knownNextSequence"/> is the actor's own head, if it
    /// has one, <paramref name="view"/> the entity as its actor holds it (null when its workflow had ended). True when
    /// anything of the entity existed.
    /// </summary>
    public async Task<bool> EraseAsync(EntityAddress address, long knownNextSequence, EntityView<JsonElement>? view, CancellationToken cancellationToken)
    {
        // First, so nothing raises or relays for the old entity once its workflow is gone (or into a new one of the same id).
        await relay.DropAsync(address.InstanceId, options.Value.StopTimeout, cancellationToken);
        var workflow = await workflows.ReadWorkflowStateAsync(address.InstanceId, cancellationToken);
        // Before anything is gone: should the event not go out, the erase fails whole and is asked for again.
        if ((view ?? (workflow is { Exists: true } ? workflow.ReadCustomStatusAs<EntityView<JsonElement>>() : null)) is { } final)
        {
            await erased.PublishAsync(address, final, cancellationToken);
        }

        var (workflowExisted, handledThrough) = await PurgeWorkflowAsync(address, workflow, cancellationToken);
        foreach (var step in steps.Where(step => step.Kind == address.Kind))
        {
            await step.EraseAsync(address, view, cancellationToken);
        }

        var head = await store.GetAsync<EntityHead?>(address.HeadKey, cancellationToken);
        var from = Math.Max(Math.Max(head?.NextSequence ?? 1, handledThrough + 1), Math.Max(1, knownNextSequence));
        var last = await FirstFreeSequenceAsync(address, from, cancellationToken) - 1;
        var envelopes = await EraseRecordsAsync(address, last, cancellationToken);
        await store.DeleteAsync(address.HeadKey, cancellationToken);
        var listed = await readModel.RemoveAsync(address, time.GetUtcNow(), cancellationToken);
        var existed = workflowExisted || head is not null || envelopes > 0 || listed;
        LogErased(address.Kind, address.Id, existed, last, envelopes);
        return existed;
    }

    private async Task<(bool Existed, long HandledThrough)> PurgeWorkflowAsync(EntityAddress address, WorkflowState? state, CancellationToken cancellationToken)
    {
        if (state is not { Exists: true })
        {
            return (false, 0);
        }

        var handled = state.ReadCustomStatusAs<EntityView<JsonElement>>()?.Sequence ?? 0;
        var started = time.GetUtcNow();
        var erase = new SignalBatch([], workflowOptions.Value.ToSettings(), Erase: true);
        if (!IsTerminal(state.RuntimeStatus))
        {
            // A generation continuing as new carries the event over to the next one.
            await workflows.RaiseEventAsync(address.InstanceId, EntityEventNames.Signals, erase, cancellationToken);
        }

        var terminating = false;
        while (!IsTerminal(state!.RuntimeStatus))
        {
            var waited = time.GetUtcNow() - started;
            if (waited > options.Value.StopTimeout)
            {
                throw new TimeoutException($"The workflow of {address} did not end within {options.Value.StopTimeout} (status {state.RuntimeStatus}).");
            }

            if (!terminating && (state.RuntimeStatus == WorkflowRuntimeStatus.Suspended || waited > options.Value.StopTimeout / 2))
            {
                // Suspended, or code that does not know the erase batch: terminate (fine where no patch was recorded).
                await workflows.TerminateWorkflowAsync(address.InstanceId, cancellation: cancellationToken);
                terminating = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            state = await workflows.ReadWorkflowStateAsync(address.InstanceId, cancellationToken);
            if (state is not { Exists: true })
            {
                return (true, handled);
            }
        }

        if (!await workflows.PurgeInstanceAsync(address.InstanceId, cancellationToken))
        {
            throw new InvalidOperationException($"The workflow of {address} could not be purged (status {state.RuntimeStatus}).");
        }

        return (true, handled);
    }

    private static bool IsTerminal(WorkflowRuntimeStatus status) =>
        status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;

    /// <summary>The first sequence from <paramref name="from"/> on with no stored envelope (the head may be a checkpoint behind them).</summary>
    private async Task<long> FirstFreeSequenceAsync(EntityAddress address, long from, CancellationToken cancellationToken)
    {
        var window = Math.Min(16, options.Value.EraseBatchSize);
        while (true)
        {
            var keys = Enumerable.Range(0, window).Select(offset => address.EnvelopeKey(from + offset)).ToList();
            var stored = await store.GetBulkAsync(keys, cancellationToken);
            var present = stored.Where(item => !string.IsNullOrEmpty(item.Value)).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
            var gap = keys.FindIndex(key => !present.Contains(key));
            if (gap >= 0)
            {
                return from + gap;
            }

            from += window;
        }
    }

    /// <summary>Deletes the key, envelope and outcome record of every sequence up to <paramref name="last"/>; answers how many envelopes there were.</summary>
    private async Task<int> EraseRecordsAsync(EntityAddress address, long last, CancellationToken cancellationToken)
    {
        var found = 0;
        for (var from = 1L; from <= last; from += options.Value.EraseBatchSize)
        {
            var to = Math.Min(last, from + options.Value.EraseBatchSize - 1);
            var envelopeKeys = new List<string>();
            for (var sequence = from; sequence <= to; sequence++)
            {
                envelopeKeys.Add(address.EnvelopeKey(sequence));
            }

            var envelopes = await store.GetBulkAsync(envelopeKeys, cancellationToken);
            var deletes = new List<string>();
            foreach (var item in envelopes.Where(item => !string.IsNullOrEmpty(item.Value)))
            {
                var envelope = JsonSerializer.Deserialize<SignalEnvelope>(item.Value, EntityJson.Options)!;
                deletes.Add(address.IdempotencyKey(envelope.IdempotencyKey));
                found++;
            }

            for (var sequence = from; sequence <= to; sequence++)
            {
                deletes.Add(address.EnvelopeKey(sequence));
                deletes.Add(address.OutcomeKey(sequence));
            }

            await store.ExecuteTransactionAsync([.. deletes.Select(key => new StateTransactionRequest(key, null, StateOperationType.Delete))], cancellationToken);
        }

        return found;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Erased {Kind}/{Id} (existed: {Existed}); sequences 1..{Last}, {Envelopes} envelopes")]
    private partial void LogErased(string kind, string id, bool existed, long last, int envelopes);
}
