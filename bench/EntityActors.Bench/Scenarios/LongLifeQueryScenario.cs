using System.Diagnostics;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>Query latency on an entity with a long life: thousands of signals and many generations behind it.</summary>
public sealed class LongLifeQueryScenario(BenchContext context) : IBenchScenario
{
    private const int WarmupQueries = 10;

    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.LongLifeQuery;

    public string Title => $"query, {options.LongLifeSignals} signals behind";

    public string Method =>
        $"The hot entity is topped up to {options.LongLifeSignals} applied signals ({options.Senders} senders; checked exact), then read " +
        $"{options.QuerySamples} times in sequence after {WarmupQueries} unmeasured reads. Product: GET /inventory-items/{{id}}, once its " +
        "workflow holds every signal too (the relay's publishing and raising done), as the others have nothing of theirs left to do when read. " +
        "Baseline: GetWorkflowStateAsync(getInputsAndOutputs: true) and the custom status. Restate: the shared get handler " +
        "(POST /inventory-items/{key}/get), topped up with /send.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        LatencySummary product, baseline, restate;
        using (context.MeasureCpu(recorder, BenchSide.Product))
        {
            product = await ProductAsync(recorder, cancellationToken);
        }

        using (context.MeasureCpu(recorder, BenchSide.Baseline))
        {
            baseline = await BaselineAsync(recorder, cancellationToken);
        }

        using (context.MeasureCpu(recorder, BenchSide.Restate))
        {
            restate = await RestateAsync(recorder, cancellationToken);
        }

        recorder.Row($"query, {CountLabel()} signals behind: p50", "ms", product.P50, baseline.P50, restate.P50);
        recorder.Row($"query, {CountLabel()} signals behind: p99", "ms", product.P99, baseline.P99, restate.P99, BenchTarget.AtMost(5, "ms"));
    }

    private string CountLabel() => BenchContext.Number(options.LongLifeSignals);

    private async Task<LatencySummary> ProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var product = context.Product;
        var id = context.ProductId(HotEntityScenario.EntityName);
        var before = (await product.GetAsync(id, null, 0, cancellationToken))?.Sequence ?? 0;
        var target = Math.Max(before, options.LongLifeSignals);
        var toSend = (int)(target - before);
        await Senders.RunAsync(toSend, options.Senders,
            (i, token) => product.SignalAsync(id, $"long-{before + i}", null, token), cancellationToken);
        await product.WaitForSequenceAsync(id, target, options.ApplyTimeout, cancellationToken);
        await Task.Delay(BenchContext.Settle, cancellationToken);
        var view = await product.GetAsync(id, null, 0, cancellationToken);
        recorder.Check(BenchSide.Product, $"{target} signals applied exactly once",
            view is { } v && v.Sequence == target && v.Version == target && v.OnHand == target,
            $"expected sequence = version = on hand = {target}, got {view}");
        context.Log.Line($"  product  entity {id} has {view?.Sequence} signals behind it ({toSend} sent now)");
        var caughtUp = Stopwatch.GetTimestamp();
        await context.ProductWorkflows.WaitUntilCaughtUpAsync(ProductClient.Kind, [id], target, options.WorkflowCatchUpTimeout, cancellationToken);
        context.Log.Line($"  product  its workflow caught up {Stopwatch.GetElapsedTime(caughtUp).TotalSeconds:0.0} s later");

        var samples = await SampleAsync(() => product.GetAsync(id, null, 0, cancellationToken));
        return Record(recorder, BenchSide.Product, samples, target);
    }

    private async Task<LatencySummary> BaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var id = context.BaselineId(HotEntityScenario.EntityName);
        var before = await baseline.ReadCountAsync(id, cancellationToken);
        if (before is null)
        {
            await baseline.ScheduleAsync(id, options.ContinueAsNewAfterSignals, cancellationToken);
            await baseline.WaitForCountAsync(id, 0, options.ApplyTimeout, cancellationToken);
        }

        var start = before ?? 0;
        var target = Math.Max(start, options.LongLifeSignals);
        await Senders.RunAsync((int)(target - start), options.Senders, (_, token) => baseline.RaiseAsync(id, token), cancellationToken);
        await baseline.WaitForCountAsync(id, target, options.ApplyTimeout, cancellationToken);
        await Task.Delay(BenchContext.Settle, cancellationToken);
        var count = await baseline.ReadCountAsync(id, cancellationToken);
        recorder.Check(BenchSide.Baseline, $"{target} events applied exactly once", count == target, $"expected counter {target}, got {count}");
        context.Log.Line($"  baseline instance {id} has {count} events behind it ({target - start} raised now)");

        var samples = await SampleAsync(() => baseline.ReadCountAsync(id, cancellationToken));
        return Record(recorder, BenchSide.Baseline, samples, target);
    }

    private async Task<LatencySummary> RestateAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var restate = context.Restate;
        var id = context.RestateId(HotEntityScenario.EntityName);
        var before = (await restate.GetAsync(id, cancellationToken))?.Sequence ?? 0;
        var target = Math.Max(before, options.LongLifeSignals);
        var toSend = (int)(target - before);
        string? lastSent = null;
        await Senders.RunAsync(toSend, options.Senders,
            async (i, token) => Volatile.Write(ref lastSent, await restate.SendRestockAsync(id, $"long-{before + i}", token)), cancellationToken);
        await restate.WaitForSequenceAsync(id, target, lastSent, options.ApplyTimeout, cancellationToken);
        await Task.Delay(BenchContext.Settle, cancellationToken);
        var view = await restate.GetAsync(id, cancellationToken);
        recorder.Check(BenchSide.Restate, $"{target} signals applied exactly once",
            view is { } v && v.Sequence == target && v.Version == target && v.OnHand == target,
            $"expected sequence = version = on hand = {target}, got {view}");
        context.Log.Line($"  restate  item {id} has {view?.Sequence} signals behind it ({toSend} sent now)");

        var samples = await SampleAsync(() => restate.GetAsync(id, cancellationToken));
        return Record(recorder, BenchSide.Restate, samples, target);
    }

    private async Task<List<double>> SampleAsync<T>(Func<Task<T>> query)
    {
        var samples = new List<double>(options.QuerySamples);
        for (var i = 0; i < WarmupQueries + options.QuerySamples; i++)
        {
            var ms = await Timed.MillisecondsAsync(query);
            if (i >= WarmupQueries)
            {
                samples.Add(ms);
            }
        }

        return samples;
    }

    private LatencySummary Record(ScenarioRecorder recorder, string side, List<double> samples, long behind)
    {
        var summary = LatencySummary.Of(samples);
        recorder.Count(side, summary.Count);
        recorder.Figure(side, "signalsBehind", behind);
        recorder.Figure(side, "p50Ms", summary.P50);
        recorder.Figure(side, "p90Ms", summary.P90);
        recorder.Figure(side, "p99Ms", summary.P99);
        recorder.Figure(side, "maxMs", summary.Max);
        context.Log.Line($"  {side,-8} query: {summary}");
        return summary;
    }
}
