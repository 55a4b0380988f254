using System.Collections.Concurrent;
using Dapr.Workflow;
using EntityActors.App.Engine.Store;

namespace EntityActors.App.Payments;

/// <summary>
/// Heartbeats of long captures: the record <c>{operation, progress, at}</c> in the entity store (progress only
/// grows, whichever attempt reports) and the same heartbeat raised to the waiting workflow.
/// </summary>
public sealed class PaymentHeartbeats(IEntityStore store, DaprWorkflowClient workflows, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public static string Key(string checkoutId) => $"payments:{checkoutId}:heartbeat";

    public Task<PaymentHeartbeat?> ReadAsync(string checkoutId, CancellationToken cancellationToken) =>
        store.GetAsync<PaymentHeartbeat?>(Key(checkoutId), cancellationToken);

    public async Task BeatAsync(PaymentCaptureRequest request, int progress, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(request.CheckoutId, static _ => new SemaphoreSlim(1, 1));
        PaymentHeartbeat beat;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var recorded = await ReadAsync(request.CheckoutId, cancellationToken);
            beat = new PaymentHeartbeat(request.CheckoutId, request.Attempt, Math.Max(progress, recorded?.Progress ?? 0), time.GetUtcNow());
            await store.SaveAsync(Key(request.CheckoutId), beat, cancellationToken: cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        await workflows.RaiseEventAsync(request.InstanceId, PaymentEventNames.Heartbeat, beat, cancellationToken);
    }
}
