using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// The cost of one continue-as-new cycle: the same sequential signal → applied round trips to a fresh entity whose
/// workflow continues as new often, and to one whose workflow continues as new rarely. The cycle's cost is what the
/// signal right after a boundary pays over the others (position method); the A/B of the two series shows the net
/// effect, which also holds the history growing in the rare one. Runs last: the product's app is restarted with each
/// setting (same sidecar, same state store).
/// </summary>
public sealed class ContinueAsNewScenario(BenchContext context) : IBenchScenario
{
    // After each app restart: JIT and connections warm, outside the timing.
    private const int Warmup = 20;

    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.ContinueAsNew;

    public string Title => "one continue-as-new cycle";

    public string Method =>
        $"{options.ContinueAsNewSignals} sequential signal → applied round trips (as in the latency scenario, after {Warmup} unmeasured) " +
        $"to a fresh entity continuing as new every {options.ContinueAsNewLong} signals, then to one continuing as new every " +
        $"{options.ContinueAsNewShort}. Cost of a cycle (position method) = mean time of the signals right after a boundary − mean " +
        $"of the others, in the every-{options.ContinueAsNewShort} series. The mean per signal of both series is shown too: their " +
        "difference is the net effect of continuing as new often, i.e. the cycles minus the cost of a longer history (JSON: " +
        "cycleCostAbMs = difference in total time ÷ difference in cycles; firstTenthMeanMs/lastTenthMeanMs show the history's " +
        "growth). The product's app is restarted with EntityActors__Workflow__ContinueAsNewAfterBatches set to each value (a generation " +
        "holds that many raised events on both sides; the product's answers never wait for its workflow, so a cycle costs them nothing); the " +
        "baseline gets it in the instance's input. Restate has no equivalent: a virtual object's state is a value, with no history to cut.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var product = await ProductAsync(recorder, cancellationToken);
        var baseline = await BaselineAsync(recorder, cancellationToken);
        // No Restate column: a virtual object keeps its state as a value and has no history to cut (docs/benchmark.md).
        recorder.Row("one continue-as-new cycle: extra on the signal across it", "ms", product.CycleCost, baseline.CycleCost, null);
        recorder.Row($"signal → applied mean, continue-as-new every {options.ContinueAsNewShort}", "ms", product.MeanOften, baseline.MeanOften, null);
        recorder.Row($"signal → applied mean, continue-as-new every {BenchContext.Number(options.ContinueAsNewLong)}", "ms", product.MeanRare, baseline.MeanRare, null);
    }

    private int Cycles(int every) => ((Warmup + options.ContinueAsNewSignals) / every) - (Warmup / every);

    private async Task<Outcome> ProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
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

    private async Task<Outcome> BaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
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

    private Outcome Record(ScenarioRecorder recorder, string side, Dictionary<int, List<double>> samples)
    {
        var rare = samples[options.ContinueAsNewLong];
        var often = samples[options.ContinueAsNewShort];

        // Position method: in the frequent series, the signal right after a boundary waits for the new generation.
        var every = options.ContinueAsNewShort;
        bool AfterBoundary(int index) => (Warmup + index) % every == 0;
        var afterBoundary = often.Where((_, i) => AfterBoundary(i)).ToList();
        var others = often.Where((_, i) => !AfterBoundary(i)).ToList();
        var cycleCost = afterBoundary.Count > 0 && others.Count > 0 ? afterBoundary.Average() - others.Average() : double.NaN;

        var cycles = Cycles(options.ContinueAsNewShort) - Cycles(options.ContinueAsNewLong);
        var abCost = cycles > 0 ? (often.Sum() - rare.Sum()) / cycles : double.NaN;

        recorder.Count(side, rare.Count + often.Count);
        recorder.Figure(side, "cycleCostMs", cycleCost);
        recorder.Figure(side, "boundarySignals", afterBoundary.Count);
        recorder.Figure(side, "cycleCostAbMs", abCost);
        recorder.Figure(side, "cyclesCompared", cycles);
        foreach (var (setting, series) in new[] { (options.ContinueAsNewLong, rare), (every, often) })
        {
            var tenth = Math.Max(1, series.Count / 10);
            recorder.Figure(side, $"every{setting}.meanMs", series.Average());
            recorder.Figure(side, $"every{setting}.firstTenthMeanMs", series.Take(tenth).Average());
            recorder.Figure(side, $"every{setting}.lastTenthMeanMs", series.TakeLast(tenth).Average());
        }

        context.Log.Line(
            $"  {side,-8} signal after a boundary {cycleCost:+0.0;-0.0} ms vs the others ({afterBoundary.Count} boundaries); mean per signal " +
            $"{often.Average():0.0} ms (every {every}) vs {rare.Average():0.0} ms (every {options.ContinueAsNewLong}, " +
            $"first tenth {rare.Take(Math.Max(1, rare.Count / 10)).Average():0.0} ms, last tenth {rare.TakeLast(Math.Max(1, rare.Count / 10)).Average():0.0} ms)");
        return new Outcome(cycleCost, often.Average(), rare.Average());
    }

    private sealed record Outcome(double CycleCost, double MeanOften, double MeanRare);
}
