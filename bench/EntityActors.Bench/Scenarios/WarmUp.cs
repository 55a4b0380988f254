using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// Unmeasured traffic to both sides before the first scenario, so neither is measured while its code is still
/// being compiled (the app and the bench's baseline worker both start cold): concurrent and sequential signals,
/// then reads, on entities of their own.
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var signals = options.Warmup * 10;
        var productId = context.ProductId("warm-up");
        var baselineId = context.BaselineId("warm-up");
        await context.Baseline.ScheduleAsync(baselineId, options.ContinueAsNewAfterSignals, cancellationToken);

        await Senders.RunAsync(signals, options.Senders,
            (i, token) => context.Product.SignalAsync(productId, $"warm-{i}", null, token), cancellationToken);
        await Senders.RunAsync(signals, options.Senders, (_, token) => context.Baseline.RaiseAsync(baselineId, token), cancellationToken);
        for (var n = 1; n <= options.Warmup; n++)
        {
            await context.Product.SignalAsync(productId, $"warm-wait-{n}", options.SignalWaitSeconds, cancellationToken);
            await context.Baseline.RaiseAsync(baselineId, cancellationToken);
            await context.Baseline.WaitForCountAsync(baselineId, signals + n, options.ApplyTimeout, cancellationToken);
        }

        for (var n = 0; n < signals; n++)
        {
            await context.Product.GetAsync(productId, null, 0, cancellationToken);
            await context.Baseline.ReadCountAsync(baselineId, cancellationToken);
        }

        context.Log.Line($"warmed up: {signals + options.Warmup} signals and {signals} reads to each side");
    }
}
