using System.Diagnostics;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// One hot entity: signals applied per second with one sender, then with several concurrent senders, on the same entity.
/// The long-life query scenario later tops this entity up and queries it.
/// </summary>
public sealed class HotEntityScenario(BenchContext context) : IBenchScenario
{
    public const string EntityName = "hot";

    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.HotEntity;

    public string Title => "one hot entity";

    public string Method =>
        $"{options.HotSignals} signals to one entity with 1 sender, then {options.HotSignals} more with {options.Senders} concurrent senders; " +
        "each sender sends its next signal as soon as the previous one is acknowledged. Timed from the first send until all are applied. " +
        "Product: POST without wait (202 = stored), then GET ?minSequence=N&wait=30 until applied (created with one signal beforehand). " +
        "Baseline: raise as fast as the calls return, then poll the counter. Restate: /send (202 = durably accepted) with an " +
        "Idempotency-Key, then attach to the last send and read the shared getter until it shows them all (created with one call " +
        "beforehand). Final count checked to equal exactly what was sent.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var productId = context.ProductId(EntityName);
        var baselineId = context.BaselineId(EntityName);
        var restateId = context.RestateId(EntityName);
        await context.Product.SignalAsync(productId, "hot-create", options.SignalWaitSeconds, cancellationToken);
        await context.Restate.RestockAsync(restateId, "hot-create", cancellationToken);
        await context.Baseline.ScheduleAsync(baselineId, options.ContinueAsNewAfterSignals, cancellationToken);
        await context.Baseline.WaitForCountAsync(baselineId, 0, options.ApplyTimeout, cancellationToken);

        long productCount = 1;
        long baselineCount = 0;
        long restateCount = 1;
        foreach (var senders in new[] { 1, options.Senders }.Distinct())
        {
            double product, baseline, restate;
            using (context.MeasureCpu(recorder, BenchSide.Product, $"senders{senders}"))
            {
                product = await ProductPhaseAsync(recorder, productId, productCount, senders, cancellationToken);
            }

            productCount += options.HotSignals;
            using (context.MeasureCpu(recorder, BenchSide.Baseline, $"senders{senders}"))
            {
                baseline = await BaselinePhaseAsync(recorder, baselineId, baselineCount, senders, cancellationToken);
            }

            baselineCount += options.HotSignals;
            using (context.MeasureCpu(recorder, BenchSide.Restate, $"senders{senders}"))
            {
                restate = await RestatePhaseAsync(recorder, restateId, restateCount, senders, cancellationToken);
            }

            restateCount += options.HotSignals;
            BenchTarget[] targets = senders == 1 ? [BenchTarget.AtLeast(300, "/s")] : [BenchTarget.AtLeast(300, "/s"), BenchTarget.TimesRestate(1.5)];
            recorder.Row($"one hot entity, {senders} sender{(senders == 1 ? string.Empty : "s")}: applied", "/s", product, baseline, restate, targets);
        }
    }

    private async Task<double> ProductPhaseAsync(ScenarioRecorder recorder, string id, long before, int senders, CancellationToken cancellationToken)
    {
        var n = options.HotSignals;
        var retried = 0;
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(n, senders, async (i, token) =>
        {
            var ack = await context.Product.SignalAsync(id, $"hot{senders}-{i}", null, token);
            if (ack.Attempts > 1)
            {
                Interlocked.Increment(ref retried);
            }
        }, cancellationToken);
        var ackedMs = Timed.Since(started);
        await context.Product.WaitForSequenceAsync(id, before + n, options.ApplyTimeout, cancellationToken);
        var appliedMs = Timed.Since(started);

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var view = await context.Product.GetAsync(id, null, 0, cancellationToken);
        var expected = before + n;
        recorder.Check(BenchSide.Product, $"{senders} sender(s): {n} signals applied exactly once",
            view is { } v && v.Sequence == expected && v.Version == expected && v.OnHand == expected,
            $"expected sequence = version = on hand = {expected}, got {view}");
        return Record(recorder, BenchSide.Product, senders, n, ackedMs, appliedMs, retried);
    }

    private async Task<double> BaselinePhaseAsync(ScenarioRecorder recorder, string id, long before, int senders, CancellationToken cancellationToken)
    {
        var n = options.HotSignals;
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(n, senders, (_, token) => context.Baseline.RaiseAsync(id, token), cancellationToken);
        var raisedMs = Timed.Since(started);
        await context.Baseline.WaitForCountAsync(id, before + n, options.ApplyTimeout, cancellationToken);
        var appliedMs = Timed.Since(started);

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var count = await context.Baseline.ReadCountAsync(id, cancellationToken);
        recorder.Check(BenchSide.Baseline, $"{senders} sender(s): {n} events applied exactly once", count == before + n,
            $"expected counter {before + n}, got {count}");
        return Record(recorder, BenchSide.Baseline, senders, n, raisedMs, appliedMs, 0);
    }

    private async Task<double> RestatePhaseAsync(ScenarioRecorder recorder, string id, long before, int senders, CancellationToken cancellationToken)
    {
        var n = options.HotSignals;
        string? lastSent = null;
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(n, senders, async (i, token) =>
            Volatile.Write(ref lastSent, await context.Restate.SendRestockAsync(id, $"hot{senders}-{i}", token)), cancellationToken);
        var ackedMs = Timed.Since(started);
        await context.Restate.WaitForSequenceAsync(id, before + n, lastSent, options.ApplyTimeout, cancellationToken);
        var appliedMs = Timed.Since(started);

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var view = await context.Restate.GetAsync(id, cancellationToken);
        var expected = before + n;
        recorder.Check(BenchSide.Restate, $"{senders} sender(s): {n} signals applied exactly once",
            view is { } v && v.Sequence == expected && v.Version == expected && v.OnHand == expected,
            $"expected sequence = version = on hand = {expected}, got {view}");
        return Record(recorder, BenchSide.Restate, senders, n, ackedMs, appliedMs, 0);
    }

    private double Record(ScenarioRecorder recorder, string side, int senders, int n, double ackedMs, double appliedMs, int retried)
    {
        var rate = n / (appliedMs / 1000);
        recorder.Count(side, n);
        recorder.Figure(side, $"senders{senders}.appliedPerSecond", rate);
        recorder.Figure(side, $"senders{senders}.acknowledgedPerSecond", n / (ackedMs / 1000));
        recorder.Figure(side, $"senders{senders}.allAcknowledgedMs", ackedMs);
        recorder.Figure(side, $"senders{senders}.allAppliedMs", appliedMs);
        recorder.Figure(side, $"senders{senders}.retriedSends", retried);
        context.Log.Line($"  {side,-8} {senders} sender(s): {n} acknowledged in {ackedMs / 1000:0.00} s, applied in {appliedMs / 1000:0.00} s → {rate:0} /s");
        return rate;
    }
}
