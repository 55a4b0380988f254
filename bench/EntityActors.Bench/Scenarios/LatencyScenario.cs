using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>Signal → applied latency, one sender, one entity, sequential.</summary>
public sealed class LatencyScenario(BenchContext context) : IBenchScenario
{
    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.Latency;

    public string Title => "signal → applied latency";

    public string Method =>
        $"{options.LatencySamples} sequential signals to one entity after {options.Warmup} unmeasured ones. Product: POST with " +
        $"Prefer: wait={options.SignalWaitSeconds}, timed until the 200 that says it was applied. Baseline: raise the event, then read " +
        $"the custom status every {options.PollInterval.TotalMilliseconds:0} ms until the counter shows it. Restate: request-response " +
        "POST /inventory-items/{key}/restock with an Idempotency-Key, answered once the handler ran and its state is durable.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        LatencySummary product, baseline, restate;
        using (context.MeasureCpu(recorder, BenchSide.Product))
        {
            product = await MeasureProductAsync(recorder, cancellationToken);
        }

        using (context.MeasureCpu(recorder, BenchSide.Baseline))
        {
            baseline = await MeasureBaselineAsync(recorder, cancellationToken);
        }

        using (context.MeasureCpu(recorder, BenchSide.Restate))
        {
            restate = await MeasureRestateAsync(recorder, cancellationToken);
        }

        recorder.Row("signal → applied p50", "ms", product.P50, baseline.P50, restate.P50, BenchTarget.AtMost(20, "ms"), BenchTarget.NoMoreThanRestate());
        recorder.Row("signal → applied p90", "ms", product.P90, baseline.P90, restate.P90);
        recorder.Row("signal → applied p99", "ms", product.P99, baseline.P99, restate.P99, BenchTarget.AtMost(40, "ms"), BenchTarget.NoMoreThanRestate());
    }

    private async Task<LatencySummary> MeasureProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var id = context.ProductId("latency");
        var total = options.Warmup + options.LatencySamples;
        var samples = new List<double>(options.LatencySamples);
        for (var n = 1; n <= total; n++)
        {
            var sequence = n;
            var ms = await Timed.MillisecondsAsync(async () =>
            {
                var ack = await context.Product.SignalAsync(id, $"latency-{sequence}", options.SignalWaitSeconds, cancellationToken);
                if (ack.Sequence != sequence)
                {
                    throw new InvalidOperationException($"Signal {sequence} to {id} got sequence {ack.Sequence}.");
                }
            });
            if (n > options.Warmup)
            {
                samples.Add(ms);
            }
        }

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var view = await context.Product.GetAsync(id, null, 0, cancellationToken);
        recorder.Check(BenchSide.Product, $"{total} signals applied exactly once",
            view is { } v && v.Sequence == total && v.Version == total && v.OnHand == total,
            $"expected sequence = version = on hand = {total}, got {view}");
        return Record(recorder, BenchSide.Product, samples);
    }

    private async Task<LatencySummary> MeasureBaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var id = context.BaselineId("latency");
        var baseline = context.Baseline;
        await baseline.ScheduleAsync(id, options.ContinueAsNewAfterSignals, cancellationToken);
        await baseline.WaitForCountAsync(id, 0, options.ApplyTimeout, cancellationToken);
        var total = options.Warmup + options.LatencySamples;
        var samples = new List<double>(options.LatencySamples);
        for (var n = 1; n <= total; n++)
        {
            var target = n;
            var ms = await Timed.MillisecondsAsync(async () =>
            {
                await baseline.RaiseAsync(id, cancellationToken);
                await baseline.WaitForCountAsync(id, target, options.ApplyTimeout, cancellationToken);
            });
            if (n > options.Warmup)
            {
                samples.Add(ms);
            }
        }

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var count = await baseline.ReadCountAsync(id, cancellationToken);
        recorder.Check(BenchSide.Baseline, $"{total} events applied exactly once", count == total, $"expected counter {total}, got {count}");
        return Record(recorder, BenchSide.Baseline, samples);
    }

    private async Task<LatencySummary> MeasureRestateAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var id = context.RestateId("latency");
        var total = options.Warmup + options.LatencySamples;
        var samples = new List<double>(options.LatencySamples);
        for (var n = 1; n <= total; n++)
        {
            var sequence = n;
            var ms = await Timed.MillisecondsAsync(async () =>
            {
                var view = await context.Restate.RestockAsync(id, $"latency-{sequence}", cancellationToken);
                if (view.Sequence != sequence)
                {
                    throw new InvalidOperationException($"Restate's restock {sequence} to {id} answered sequence {view.Sequence}.");
                }
            });
            if (n > options.Warmup)
            {
                samples.Add(ms);
            }
        }

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var read = await context.Restate.GetAsync(id, cancellationToken);
        recorder.Check(BenchSide.Restate, $"{total} signals applied exactly once",
            read is { } v && v.Sequence == total && v.Version == total && v.OnHand == total,
            $"expected sequence = version = on hand = {total}, got {read}");
        return Record(recorder, BenchSide.Restate, samples);
    }

    private LatencySummary Record(ScenarioRecorder recorder, string side, List<double> samples)
    {
        var summary = LatencySummary.Of(samples);
        recorder.Count(side, summary.Count);
        recorder.Figure(side, "p50Ms", summary.P50);
        recorder.Figure(side, "p90Ms", summary.P90);
        recorder.Figure(side, "p99Ms", summary.P99);
        recorder.Figure(side, "meanMs", summary.Mean);
        recorder.Figure(side, "maxMs", summary.Max);
        context.Log.Line($"  {side,-8} signal → applied: {summary}");
        return summary;
    }
}
