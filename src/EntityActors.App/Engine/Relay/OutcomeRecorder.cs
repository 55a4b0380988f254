using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.History;
using EntityActors.App.Hosting;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// What applied signals do outside their workflow: each outcome is stored under its sequence (so a repeated
/// idempotency key is answered long after the workflow's recent list moved on), one CloudEvent per accepted
/// signal goes to the kind's topic, and the reactions run. Idempotent: the records are keyed by sequence and
/// the event id is the signal id, so recording a batch twice rewrites the same values and republishes the
/// same events. Used by the <see cref="SignalPump"/> (the usual path) and <see cref="RecordOutcomesActivity"/>
/// (the workflow's own, when its outbox overflows).
/// </summary>
public sealed class OutcomeRecorder(
    DaprClient dapr,
    StateGroupCommit records,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<TopicOptions> topics,
    IEnumerable<IEntityEventReaction> reactions,
    SignalMetrics metrics,
    ILogger<OutcomeRecorder> logger)
{
    /// <summary>Stores the outcome records and publishes the events of <paramref name="batch"/>.</summary>
    public async Task RecordAsync(OutcomeBatch batch, CancellationToken cancellationToken)
    {
        await StoreAsync(batch, cancellationToken);
        await PublishAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Stores each outcome of <paramref name="batch"/> under its sequence, with the events it produced: for answers long
    /// after the workflow's recent list moved on, and for the entity's history.
    /// </summary>
    public Task StoreAsync(OutcomeBatch batch, CancellationToken cancellationToken)
    {
        var address = new EntityAddress(batch.Kind, batch.Id);
        var ttl = new Dictionary<string, string>
        {
            ["ttlInSeconds"] = ((long)signals.Value.IdempotencyRetention.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        return records.WriteAsync(
            [.. batch.Applied.Select(applied => new StateTransactionRequest(
                address.OutcomeKey(applied.Outcome.Sequence),
                OutcomeRecordFormat.Serialize(applied),
                StateOperationType.Upsert,
                metadata: ttl))],
            cancellationToken);
    }

    /// <summary>Publishes one CloudEvent per accepted signal of <paramref name="batch"/> and runs the reactions.</summary>
    public async Task PublishAsync(OutcomeBatch batch, CancellationToken cancellationToken)
    {
        var address = new EntityAddress(batch.Kind, batch.Id);
        // The workflow opens no spans (it is replayed); the signals carry their senders' trace here instead.
        using var span = EntityTelemetry.StartForSignals("record-outcomes", address, batch.Applied.Select(applied => applied.TraceParent));
        var signalIds = batch.Applied.Select(applied => applied.Outcome.SignalId).ToList();
        EntityTelemetry.SetSignals(span, signalIds);
        using var scope = logger.BeginSignals(address, signalIds);
        try
        {
            await PublishCoreAsync(address, batch, cancellationToken);
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }

        var accepted = batch.Applied.Count(applied => applied.Outcome.Accepted);
        logger.LogOutcomesRecorded(batch.Applied.Count, accepted);
    }

    private async Task PublishCoreAsync(EntityAddress address, OutcomeBatch batch, CancellationToken cancellationToken)
    {
        var accepted = batch.Applied.Where(applied => applied.Outcome.Accepted).ToList();
        foreach (var applied in accepted)
        {
            var cloudEvent = DomainCloudEvent.For(address, applied);
            await dapr.PublishByteEventAsync(
                components.Value.PubSub,
                topics.Value.EntityEvents(batch.Kind),
                JsonSerializer.SerializeToUtf8Bytes(cloudEvent, EntityJson.Options),
                "application/cloudevents+json",
                cancellationToken: cancellationToken);
        }

        foreach (var applied in accepted)
        {
            foreach (var reaction in reactions)
            {
                await reaction.ReactAsync(address, applied, cancellationToken);
            }
        }

        metrics.Applied(batch.Kind, batch.Applied);
    }
}
