using System.Collections.Concurrent;
using EntityActors.App.Engine.Store;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Payments;

/// <summary>
/// A stand-in payment gateway inside the app: captures take <see cref="SimulatedGatewayOptions.CaptureDelay"/>, are
/// deduplicated by key, and are remembered in the entity store as an external gateway would remember them, so that
/// what it captured survives the app. One key's requests are serialized in this process (a gateway serializes a
/// key too); it is a stub for one replica, not a second implementation of the entity store's concurrency.
/// </summary>
public sealed class SimulatedPaymentGateway(
    IEntityStore store, IOptions<SimulatedGatewayOptions> options, IHostApplicationLifetime lifetime, TimeProvider time)
    : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requestsSeen = new(StringComparer.Ordinal);

    public static string LedgerKey(string captureKey) => $"payment-gateway:{captureKey}";

    public async Task<CaptureReceipt> CaptureAsync(CapturePart part, CancellationToken cancellationToken)
    {
        var hang = ShouldHang(part);
        var entry = await UpdateAsync(part.Key, existing => (existing ?? New(part)) with { Requests = (existing?.Requests ?? 0) + 1 }, cancellationToken);
        if (entry.Voided || entry.Executions > 0)
        {
            return new CaptureReceipt(part.Key, Duplicate: entry.Executions > 0, entry.Voided);
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        await Task.Delay(hang ? Timeout.InfiniteTimeSpan : Delay(part.Key), time, stopping.Token);
        var duplicate = false;
        var after = await UpdateAsync(
            part.Key,
            existing =>
            {
                duplicate = existing!.Executions > 0;
                return existing.Voided || duplicate ? existing : existing with { Executions = 1, CapturedAt = time.GetUtcNow() };
            },
            cancellationToken);
        return new CaptureReceipt(part.Key, duplicate, after.Voided && after.Executions == 0);
    }

    public async Task VoidAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            await UpdateAsync(key, existing => (existing ?? new GatewayLedgerEntry(key, null, 0, 0, false, null)) with { Voided = true }, cancellationToken);
        }
    }

    private async Task<GatewayLedgerEntry> UpdateAsync(string key, Func<GatewayLedgerEntry?, GatewayLedgerEntry> change, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var existing = await store.GetAsync<GatewayLedgerEntry?>(LedgerKey(key), cancellationToken);
            var changed = change(existing);
            if (changed != existing)
            {
                await store.SaveAsync(LedgerKey(key), changed, cancellationToken: cancellationToken);
            }

            return changed;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool ShouldHang(CapturePart part)
    {
        var rule = options.Value.InjectHangs.Where(rule => part.Key.StartsWith(rule.Key, StringComparison.Ordinal)).Select(rule => (int?)rule.Value).FirstOrDefault();
        if (rule is not { } hangingPart)
        {
            return false;
        }

        var seen = requestsSeen.AddOrUpdate(part.Key, 1, (_, previous) => previous + 1);
        return hangingPart == 0 || (hangingPart == part.Part && seen == 1);
    }

    private TimeSpan Delay(string key) =>
        options.Value.InjectDelays.Where(rule => key.StartsWith(rule.Key, StringComparison.Ordinal)).Select(rule => (TimeSpan?)rule.Value).FirstOrDefault()
            ?? options.Value.CaptureDelay;

    private static GatewayLedgerEntry New(CapturePart part) => new(part.Key, part.Amount, 0, 0, false, null);
}
