using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Hosting;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Entities;

/// <summary>
/// The I/O half of an entity workflow turn: stores each outcome under its sequence (so a repeated
/// idempotency key is answered long after the workflow's recent list moved on) and publishes one CloudEvent
/// per accepted signal to the kind's topic. Idempotent: the records are keyed by sequence and the event id is
/// the signal id, so a retried activity rewrites the same values and republishes the same event.
/// </summary>
public sealed class RecordOutcomesActivity(
    DaprClient dapr,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<TopicOptions> topics,
    IEnumerable<IEntityEventReaction> reactions,
    SignalMetrics metrics,
    EntityProgress progress,
    ILogger<RecordOutcomesActivity> logger) : WorkflowActivity<OutcomeBatch, object?>
{
    public override async Task<object?> RunAsync(WorkflowActivityContext context, OutcomeBatch input)
    {
        var address = new EntityAddress(input.Kind, input.Id);
        // The workflow committed these outcomes before scheduling this activity: callers waiting here can read them now.
        progress.Reached(address.InstanceId, input.Applied.Max(applied => applied.Outcome.Sequence));
        // The workflow opens no spans (it is replayed); the signals carry their senders' trace here instead.
        using var span = EntityTelemetry.StartForSignals("record-outcomes", address, input.Applied.Select(applied => applied.TraceParent));
        var signalIds = input.Applied.Select(applied => applied.Outcome.SignalId).ToList();
        EntityTelemetry.SetSignals(span, signalIds);
        using var scope = logger.BeginSignals(address, signalIds);
        try
        {
            await RecordAsync(address, input);
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }

        var accepted = input.Applied.Count(applied => applied.Outcome.Accepted);
        logger.LogOutcomesRecorded(input.Applied.Count, accepted);
        return null;
    }

    private async Task RecordAsync(EntityAddress address, OutcomeBatch input)
    {
        var ttl = new Dictionary<string, string>
        {
            ["ttlInSeconds"] = ((long)signals.Value.IdempotencyRetention.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        var records = input.Applied
            .Select(applied => new StateTransactionRequest(
                address.OutcomeKey(applied.Outcome.Sequence),
                JsonSerializer.SerializeToUtf8Bytes(applied.Outcome, EntityJson.Options),
                StateOperationType.Upsert,
                metadata: ttl))
            .ToList();
        await dapr.ExecuteStateTransactionAsync(components.Value.StateStore, records);

        foreach (var applied in input.Applied.Where(applied => applied.Outcome.Accepted))
        {
            var cloudEvent = DomainCloudEvent.For(address, applied);
            await dapr.PublishByteEventAsync(
                components.Value.PubSub,
                topics.Value.EntityEvents(input.Kind),
                JsonSerializer.SerializeToUtf8Bytes(cloudEvent, EntityJson.Options),
                "application/cloudevents+json");
        }

        foreach (var applied in input.Applied.Where(applied => applied.Outcome.Accepted))
        {
            foreach (var reaction in reactions)
            {
                await reaction.ReactAsync(address, applied, CancellationToken.None);
            }
        }

        metrics.Applied(input.Kind, input.Applied);
    }
}
