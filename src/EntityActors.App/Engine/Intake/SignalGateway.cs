using System.Diagnostics;
using Dapr.Actors;
using Dapr.Actors.Client;
using EntityActors.App.Engine.Batching;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// Hands signals to their entity's single writer. While a call to an entity is in flight, further signals for it queue
/// here and go out together in the next call, so a hot entity costs one writer turn (one state transaction) per batch
/// rather than per signal. An entity whose writer is active in this process gets its batches in process
/// (<see cref="LocalEntityActors"/>); one whose writer another replica named in an answer, straight from app to app
/// (<see cref="PeerWriters"/>); the others through the sidecar, whose answer may name the writer for the next batch.
/// </summary>
public sealed class SignalGateway
{
    private readonly IActorProxyFactory proxies;
    private readonly EntityCatalog catalog;
    private readonly LocalEntityActors writers;
    private readonly PeerWriters peers;
    private readonly SignalMetrics metrics;
    private readonly KeyedBatcher<EntityAddress, SignalSubmission, SignalAnswer> batcher;
    private readonly TimeSpan writerCallTimeout;
    private readonly TimeSpan writerCallHedgeAfter;
    private readonly Uri? self;
    private readonly string? selfText;
    private readonly bool advertise;

    public SignalGateway(
        IActorProxyFactory proxies,
        EntityCatalog catalog,
        LocalEntityActors writers,
        PeerWriters peers,
        SignalMetrics metrics,
        IOptions<IntakeOptions> options,
        IOptions<PeerRoutingOptions> peerRouting)
    {
        this.proxies = proxies;
        this.catalog = catalog;
        this.writers = writers;
        this.peers = peers;
        this.metrics = metrics;
        writerCallTimeout = options.Value.WriterCallTimeout;
        writerCallHedgeAfter = options.Value.WriterCallHedgeAfter;
        self = peerRouting.Value.DirectAddress;
        selfText = self?.ToString();
        advertise = peerRouting.Value.AdvertiseToClients && self is not null;
        batcher = new(SubmitBatchAsync, options.Value.MaxBatchSize);
    }

    /// <summary>Submits one signal; answers once its entity's writer has stored and decided it.</summary>
    public Task<SignalAnswer> SubmitAsync(EntityAddress address, SignalSubmission submission, CancellationToken cancellationToken)
    {
        // The signal carries its sender's trace through the writer to what the relay publishes.
        submission = submission.TraceParent is null ? submission with { TraceParent = EntityTelemetry.CurrentTraceParent() } : submission;
        return batcher.SubmitAsync(address, submission, cancellationToken);
    }

    private async Task<IReadOnlyList<SignalAnswer>> SubmitBatchAsync(EntityAddress address, IReadOnlyList<SignalSubmission> batch)
    {
        using var span = EntityTelemetry.StartForSignals("deliver", address, batch.Select(submission => submission.TraceParent));
        try
        {
            var request = new SubmitRequest(batch);
            // Bounded: a writer whose process died, or a hop that hangs, must not hold this entity's callers (nor the
            // batches queued behind this one). What such a call stored is found by the caller's retry with the same key.
            using var bounded = new CancellationTokenSource(writerCallTimeout);
            SubmitResponse response;
            try
            {
                response = await HedgedCall.RunAsync(
                    () => CallWriterAsync(address, request, bounded.Token), writerCallHedgeAfter, () => metrics.WriterHedged(address.Kind), bounded.Token)
                    .WaitAsync(bounded.Token);
            }
            catch (OperationCanceledException) when (bounded.IsCancellationRequested)
            {
                throw new WriterTimeoutException($"The writer of {address} did not answer within {writerCallTimeout.TotalSeconds:0.#} s.");
            }

            var writer = !advertise ? null
                : response.Writer == selfText ? self
                : Uri.TryCreate(response.Writer, UriKind.Absolute, out var named) ? named : null;
            return [.. response.Receipts.Select(receipt => new SignalAnswer(receipt, response.View, writer))];
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task<SubmitResponse> CallWriterAsync(EntityAddress address, SubmitRequest request, CancellationToken cancellationToken)
    {
        if (await writers.TrySubmitAsync(address.InstanceId, request) is { } answered)
        {
            metrics.WriterCalled(address.Kind, WriterRoute.InProcess);
            return advertise ? answered with { Writer = selfText } : answered;
        }

        if (await peers.TrySubmitAsync(address, request, cancellationToken) is { } handedOver)
        {
            metrics.WriterCalled(address.Kind, WriterRoute.Peer);
            return handedOver;
        }

        var routed = await proxies.Create(new ActorId(address.ActorId), catalog.Get(address.Kind).ActorType)
            .InvokeMethodAsync<SubmitRequest, SubmitResponse>(nameof(IEntityActor.SubmitAsync), request, cancellationToken);
        metrics.WriterCalled(address.Kind, WriterRoute.Sidecar);
        peers.Learn(address, routed.Writer);
        return routed;
    }
}
