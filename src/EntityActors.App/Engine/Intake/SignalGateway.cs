using System.Collections.Concurrent;
using System.Diagnostics;
using Dapr.Actors;
using Dapr.Actors.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// Hands signals to their entity's actor. While a call to an entity is in flight, further signals for it
/// queue here and go out together in the next call, so a hot entity costs one actor turn (one state
/// transaction, one raised event) per batch rather than per signal. An entity whose actor is active in this
/// process gets its batches in process (<see cref="LocalEntityActors"/>); the others through the sidecar.
/// </summary>
public sealed class SignalGateway(IActorProxyFactory proxies, EntityCatalog catalog, LocalEntityActors localActors, IOptions<SignalOptions> options)
{
    private readonly ConcurrentDictionary<EntityAddress, Mailbox> mailboxes = new();

    public Task<SignalReceipt> SubmitAsync(EntityAddress address, SignalSubmission submission, CancellationToken cancellationToken)
    {
        // The signal carries its sender's trace through the actor and the workflow to the recording activity.
        submission = submission.TraceParent is null ? submission with { TraceParent = EntityTelemetry.CurrentTraceParent() } : submission;
        var pending = new PendingSignal(submission, new TaskCompletionSource<SignalReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));
        while (true)
        {
            var mailbox = mailboxes.GetOrAdd(address, static _ => new Mailbox());
            bool startPump;
            lock (mailbox)
            {
                if (mailbox.Closed)
                {
                    continue;
                }

                mailbox.Queue.Add(pending);
                startPump = !mailbox.Sending;
                mailbox.Sending = true;
            }

            if (startPump)
            {
                _ = Task.Run(() => PumpAsync(address, mailbox), CancellationToken.None);
            }

            return pending.Completion.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task PumpAsync(EntityAddress address, Mailbox mailbox)
    {
        // Started from the first sender's request: each batch continues its own senders' traces instead.
        Activity.Current = null;
        var proxy = proxies.Create(new ActorId(address.Id), catalog.Get(address.Kind).ActorType);
        while (true)
        {
            List<PendingSignal> batch;
            lock (mailbox)
            {
                if (mailbox.Queue.Count == 0)
                {
                    mailbox.Sending = false;
                    mailbox.Closed = true;
                    mailboxes.TryRemove(new KeyValuePair<EntityAddress, Mailbox>(address, mailbox));
                    return;
                }

                var take = Math.Min(mailbox.Queue.Count, options.Value.MaxBatchSize);
                batch = mailbox.Queue.GetRange(0, take);
                mailbox.Queue.RemoveRange(0, take);
            }

            using var span = EntityTelemetry.StartForSignals("deliver", address, batch.Select(p => p.Submission.TraceParent));
            try
            {
                var request = new SubmitRequest(batch.Select(p => p.Submission).ToList());
                var response = localActors.TryGet(address.InstanceId, out var local) && await local.TrySubmitInProcessAsync(request) is { } answered
                    ? answered
                    : await proxy.InvokeMethodAsync<SubmitRequest, SubmitResponse>(nameof(IEntityActor.SubmitAsync), request);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(response.Receipts[i]);
                }
            }
            catch (Exception ex)
            {
                EntityTelemetry.Fail(span, ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed record PendingSignal(SignalSubmission Submission, TaskCompletionSource<SignalReceipt> Completion);

    private sealed class Mailbox
    {
        public List<PendingSignal> Queue { get; } = [];

        public bool Sending { get; set; }

        public bool Closed { get; set; }
    }
}
