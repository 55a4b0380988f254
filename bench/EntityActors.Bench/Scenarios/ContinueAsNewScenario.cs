using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// The cost of one continue-as-new cycle, by A/B: the same sequential signals to a fresh entity whose workflow continues
/// as new rarely, and to one whose workflow continues as new often; the difference in total time over the difference
/// in cycles. Runs last: the product's app is restarted with each setting (same sidecar, same state store).
/// </summary>
public sealed class ContinueAsNewScenario(BenchContext context) : IBenchScenario
{
    private const int Warmup = 3;

    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.ContinueAsNew;

    public string Title => "one continue-as-new cycle";

    public string Method =>
        $"{options.ContinueAsNewSignals} sequential signal → applied round trips (as in the latency scenario, after {Warmup} unmeasured) " +
        $"to a fresh entity continuing as new every {options.ContinueAsNewLong} signals, then to one continuing as new every " +
        $"{options.ContinueAsNewShort}. Cost of a cycle = (total time with {options.ContinueAsNewShort} − total time with " +
        $"{options.ContinueAsNewLong}) ÷ (difference in cycles crossed). The product's app is restarted with " +
        "EntityActors__Workflow__ContinueAsNewAfterSignals set to each value; the baseline gets it in the instance's input. " +
        "Also reported: how much slower the signal right after a boundary is than the others (position method).";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var product = await ProductAsync(recorder, cancellationToken);
        var baseline = await BaselineAsync(recorder, cancellationToken);
        recorder.Row(
            $"one continue-as-new cycle (every {options.ContinueAsNewShort} vs {options.ContinueAsNewLong})", "ms", product, baseline);
    }

    private int Cycles(int every) => ((Warmup + options.ContinueAsNewSignals) / every) - (Warmup / every);

    private async Task<double> ProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<int, List<double>>();
        foreach (var every in new[] { options.ContinueAsNewLong, options.ContinueAsNewShort })
        {
            context.Log.Line($"  product  restarting the app with continue-as-new every {every} signals");
            await context.Runtime.RestartProductAsync(every, cancellationToken);
            var id = context.ProductId($"can-{every}");
            var samples = new List<double>();
            using (context.MeasureCpu(recorder, BenchSide.Product, $"every{every}"))
            {
                for (var n = 1; n <= Warmup + options.ContinueAsNewSignals; n++)
                {
                    var sequence = n;
                    var ms = await Timed.MillisecondsAsync(() =>
                        context.Product.SignalAsync(id, $"can-{sequence}", options.SignalWaitSeconds, cancellationToken));
                    if (n > Warmup)
                    {
                        samples.Add(ms);
                    }
                }
            }

            await Task.Delay(BenchContext.Settle, cancellationToken);
            var view = await context.Product.GetAsync(id, null, 0, cancellationToken);
            var total = Warmup + options.ContinueAsNewSignals;
            recorder.Check(BenchSide.Product, $"every {every}: {total} signals applied exactly once",
                view is { } v && v.Sequence == total && v.Version == total && v.OnHand == total,
                $"expected sequence = version = on hand = {total}, got {view}");
            totals[every] = samples;
        }

        return Record(recorder, BenchSide.Product, totals);
    }

    private async Task<double> BaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var totals = new Dictionary<int, List<double>>();
        foreach (var every in new[] { options.ContinueAsNewLong, options.ContinueAsNewShort })
        {
            var id = context.BaselineId($"can-{every}");
            await baseline.ScheduleAsync(id, every, cancellationToken);
            await baseline.WaitForCountAsync(id, 0, options.ApplyTimeout, cancellationToken);
            var samples = new List<double>();
            using (context.MeasureCpu(recorder, BenchSide.Baseline, $"every{every}"))
            {
                for (var n = 1; n <= Warmup + options.ContinueAsNewSignals; n++)
                {
                    var target = n;
                    var ms = await Timed.MillisecondsAsync(async () =>
                    {
                        await baseline.RaiseAsync(id, cancellationToken);
                        await baseline.WaitForCountAsync(id, target, options.ApplyTimeout, cancellationToken);
                    });
                    if (n > Warmup)
                    {
                        samples.Add(ms);
                    }
                }
            }

            await Task.Delay(BenchContext.Settle, cancellationToken);
            var count = await baseline.ReadCountAsync(id, cancellationToken);
            var total = Warmup + options.ContinueAsNewSignals;
            recorder.Check(BenchSide.Baseline, $"every {every}: {total} events applied exactly once", count == total, $"expected counter {total}, got {count}");
            totals[every] = samples;
        }

        return Record(recorder, BenchSide.Baseline, totals);
    }

    private double Record(ScenarioRecorder recorder, string side, Dictionary<int, List<double>> samples)
    {
        var rare = samples[options.ContinueAsNewLong];
        var often = samples[options.ContinueAsNewShort];
        var cycles = Cycles(options.ContinueAsNewShort) - Cycles(options.ContinueAsNewLong);
        var cost = cycles > 0 ? (often.Sum() - rare.Sum()) / cycles : double.NaN;

        // Position method: in the frequent series, the signal right after a boundary waits for the new generation.
        var every = options.ContinueAsNewShort;
        var afterBoundary = often.Where((_, i) => (Warmup + i) % every == 0 && Warmup + i > 0).ToList();
        var others = often.Where((_, i) => !((Warmup + i) % every == 0 && Warmup + i > 0)).ToList();
        var extra = afterBoundary.Count > 0 && others.Count > 0 ? afterBoundary.Average() - others.Average() : double.NaN;

        recorder.Count(side, rare.Count + often.Count);
        recorder.Figure(side, "cycleCostMs", cost);
        recorder.Figure(side, "cyclesCompared", cycles);
        recorder.Figure(side, $"every{options.ContinueAsNewLong}.meanMs", rare.Average());
        recorder.Figure(side, $"every{options.ContinueAsNewShort}.meanMs", often.Average());
        if (!double.IsNaN(extra))
        {
            recorder.Figure(side, "afterBoundaryExtraMs", extra);
        }

        context.Log.Line(
            $"  {side,-8} per signal {rare.Average():0.0} ms (every {options.ContinueAsNewLong}) vs {often.Average():0.0} ms (every {every}): " +
            $"{cost:0.0} ms per cycle over {cycles} cycles; signal after a boundary {extra:+0.0;-0.0} ms vs the others");
        return cost;
    }
}
