using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Hosting;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// What decided signals do outside their entity: one CloudEvent per accepted signal on the kind's topic (published in
/// bulk with other entities' events), then the projections kept in step in process (the read model), then the
/// reactions. Idempotent: the event id is the signal id, so publishing a batch twice (after a crash) republishes the
/// same events, and projections and reactions must be idempotent themselves.
/// </summary>
public sealed class DomainEventPublisher(
    BulkEventPublisher bulk,
    IOptions<DaprComponentsOptions> components,
    IOptions<TopicOptions> topics,
    IEnumerable<IAppliedSignalsProjection> projections,
    IEnumerable<IEntityEventReaction> reactions,
    ILogger<DomainEventPublisher> logger)
{
    public async Task PublishAsync(EntityAddress address, IReadOnlyList<AppliedSignal> signals, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return;
        }

        var accepted = signals.Where(applied => applied.Outcome.Accepted).ToList();

        // The workflow opens no spans (it is replayed); the signals carry their senders' trace here instead.
        using var span = EntityTelemetry.StartForSignals("publish", address, accepted.Select(applied => applied.TraceParent));
        var signalIds = accepted.Select(applied => applied.Outcome.SignalId).ToList();
        EntityTelemetry.SetSignals(span, signalIds);
        using var scope = logger.BeginSignals(address, signalIds);
        try
        {
            var events = accepted
                .Select(applied => PublishedEvent.StructuredCloudEvent(DomainCloudEvent.For(address, applied)))
                .ToList();
            if (events.Count > 0)
            {
                await bulk.PublishAsync(components.Value.PubSub, topics.Value.EntityEvents(address.Kind), events, cancellationToken);
            }

            foreach (var projection in projections)
            {
                await projection.ProjectAsync(address, signals, cancellationToken);
            }

            foreach (var applied in accepted)
            {
                foreach (var reaction in reactions)
                {
                    await reaction.ReactAsync(address, applied, cancellationToken);
                }
            }
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }

        logger.LogPublished(signals.Count, accepted.Count);
    }
}
