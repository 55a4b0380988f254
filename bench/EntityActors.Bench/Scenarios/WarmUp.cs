using EntityActors.Bench.Accounts;
using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// Unmeasured traffic to every side before the first scenario, so none is measured while its code is still being
/// compiled (the app, the bench's baseline worker and Restate's node service all start cold): concurrent and sequential
/// signals, then reads, on entities of their own, then signals spread over many entities, then awaited account signals.
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

        await RestateAsync(context, signals, cancellationToken);
        var spread = await SpreadAsync(context, cancellationToken);
        var accounts = await AccountsAsync(context, cancellationToken);
        context.Log.Line($"warmed up: {signals + options.Warmup + spread} signals and {signals} reads to each side, and {accounts} account signals to the product and Restate");
    }

    private static async Task RestateAsync(BenchContext context, int signals, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var id = context.RestateId("warm-up");
        string? lastSent = null;
        await Senders.RunAsync(signals, options.Senders,
            async (i, token) => Volatile.Write(ref lastSent, await context.Restate.SendRestockAsync(id, $"warm-{i}", token)), cancellationToken);
        await context.Restate.WaitForSequenceAsync(id, signals, lastSent, options.ApplyTimeout, cancellationToken);
        for (var n = 1; n <= options.Warmup; n++)
        {
            await context.Restate.RestockAsync(id, $"warm-wait-{n}", cancellationToken);
        }

        for (var n = 0; n < signals; n++)
        {
            await context.Restate.GetAsync(id, cancellationToken);
        }
    }

    /// <summary>Awaited account signals (open, deposits, withdrawals, refusals) on a few accounts of the product and of Restate.</summary>
    private static async Task<int> AccountsAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var accounts = Math.Max(2, options.Senders);
        var perAccount = Math.Max(4, options.Warmup);
        foreach (var (idOf, signal) in new (Func<string, string>, Func<string, string, string, string, CancellationToken, Task<AccountAnswer>>)[]
        {
            (context.ProductId, (id, name, body, key, token) => context.Product.SignalAccountAsync(id, name, body, key, options.SignalWaitSeconds, token)),
            (context.RestateId, context.Restate.SignalAccountAsync),
        })
        {
            var ids = Enumerable.Range(0, accounts).Select(a => idOf($"warm-account-{a}")).ToArray();
            await Senders.RunAsync(accounts, options.Senders, (a, token) => signal(ids[a], AccountSignals.Open, AccountSignals.OpenBody, "open", token), cancellationToken);
            await Senders.RunAsync(accounts * perAccount, options.Senders, (i, token) =>
            {
                var (name, body) = AccountSignals.Nth(i / accounts);
                return signal(ids[i % accounts], name, body, $"warm-{i / accounts}", token);
            }, cancellationToken);
        }

        return accounts * (perAccount + 1);
    }

    /// <summary>
    /// Signals spread over many entities by concurrent senders, on both sides, as many as one round of the many-entities
    /// scenario: the paths a single hot entity does not take (many lanes, shared transactions, many instances, raise
    /// slots) get compiled too, not in the first scenario that uses them. With a fifth of that (20 entities × 10), the
    /// product's first round still spent twice the app CPU of the later ones.
    /// </summary>
    private static async Task<int> SpreadAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var entities = Math.Max(2, options.Entities);
        var perEntity = options.SignalsPerEntity;
        var productIds = Enumerable.Range(0, entities).Select(e => context.ProductId($"warm-spread-{e}")).ToArray();
        var baselineIds = Enumerable.Range(0, entities).Select(e => context.BaselineId($"warm-spread-{e}")).ToArray();
        var restateIds = Enumerable.Range(0, entities).Select(e => context.RestateId($"warm-spread-{e}")).ToArray();
        await Senders.RunAsync(entities, options.Senders,
            (e, token) => context.Baseline.ScheduleAsync(baselineIds[e], options.ContinueAsNewAfterSignals, token), cancellationToken);

        await Senders.RunAsync(entities * perEntity, options.Senders,
            (i, token) => context.Product.SignalAsync(productIds[i % entities], $"spread-{i / entities}", null, token), cancellationToken);
        await Senders.RunAsync(entities, options.Senders,
            (e, token) => context.Product.WaitForSequenceAsync(productIds[e], perEntity, options.ApplyTimeout, token), cancellationToken);
        await Senders.RunAsync(entities * perEntity, options.Senders,
            (i, token) => context.Baseline.RaiseAsync(baselineIds[i % entities], token), cancellationToken);
        await Senders.RunAsync(entities, options.Senders,
            (e, token) => context.Baseline.WaitForCountAsync(baselineIds[e], perEntity, options.ApplyTimeout, token), cancellationToken);
        await Senders.RunAsync(entities * perEntity, options.Senders,
            (i, token) => context.Restate.SendRestockAsync(restateIds[i % entities], $"spread-{i / entities}", token), cancellationToken);
        await Senders.RunAsync(entities, options.Senders,
            (e, token) => context.Restate.WaitForSequenceAsync(restateIds[e], perEntity, null, options.ApplyTimeout, token), cancellationToken);
        return entities * perEntity;
    }
}
