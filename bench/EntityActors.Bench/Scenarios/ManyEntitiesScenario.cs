using System.Diagnostics;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>Many entities, a few signals each, several concurrent senders: throughput and exactly-once per entity.</summary>
public sealed class ManyEntitiesScenario(BenchContext context) : IBenchScenario
{
    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.ManyEntities;

    public string Title => $"{options.Entities} entities × {options.SignalsPerEntity} signals";

    public string Method =>
        $"{options.Entities} entities × {options.SignalsPerEntity} signals, round robin over the entities, {options.Senders} concurrent senders; " +
        "timed from the first send until every entity shows all its signals applied. Product: POST without wait, then GET " +
        "?minSequence per entity. Both sides start with live entities: the product's are created by one signal each and the " +
        "baseline's instances are scheduled (and running) before the timing starts. Baseline: raise, then poll every counter. " +
        $"Checked: every entity ends with exactly {options.SignalsPerEntity} more.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        double product, baseline;
        using (context.MeasureCpu(recorder, BenchSide.Product))
        {
            product = await ProductAsync(recorder, cancellationToken);
        }

        using (context.MeasureCpu(recorder, BenchSide.Baseline))
        {
            baseline = await BaselineAsync(recorder, cancellationToken);
        }

        recorder.Row($"{options.Entities} entities × {options.SignalsPerEntity}, {options.Senders} senders: applied", "/s", product, baseline, BenchTarget.TimesBaseline(2));
    }

    private async Task<double> ProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.ProductId($"many-{e}")).ToArray();
        // Live before the timing, like the baseline's scheduled instances: one signal creates each entity.
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await context.Product.SignalAsync(ids[e], "many-create", null, token);
            await context.Product.WaitForSequenceAsync(ids[e], 1, options.ApplyTimeout, token);
        }, cancellationToken);

        var expected = options.SignalsPerEntity + 1;
        var total = options.Entities * options.SignalsPerEntity;
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(total, options.Senders,
            (i, token) => context.Product.SignalAsync(ids[i % ids.Length], $"many-{i / ids.Length}", null, token), cancellationToken);
        var ackedMs = Timed.Since(started);
        await Senders.RunAsync(ids.Length, options.Senders,
            (e, token) => context.Product.WaitForSequenceAsync(ids[e], expected, options.ApplyTimeout, token), cancellationToken);
        var appliedMs = Timed.Since(started);

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var exact = 0;
        string? firstWrong = null;
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            var view = await context.Product.GetAsync(ids[e], null, 0, token);
            if (view is { } v && v.Sequence == expected && v.Version == expected && v.OnHand == expected)
            {
                Interlocked.Increment(ref exact);
            }
            else
            {
                Interlocked.CompareExchange(ref firstWrong, $"{ids[e]}: {view}", null);
            }
        }, cancellationToken);
        recorder.Check(BenchSide.Product, $"every entity applied its {options.SignalsPerEntity} signals (and the one that created it) exactly once", exact == ids.Length,
            $"{exact} of {ids.Length} entities exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
        return Record(recorder, BenchSide.Product, total, ackedMs, appliedMs);
    }

    private async Task<double> BaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.BaselineId($"many-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await baseline.ScheduleAsync(ids[e], options.ContinueAsNewAfterSignals, token);
            await baseline.WaitForCountAsync(ids[e], 0, options.ApplyTimeout, token);
        }, cancellationToken);

        var total = options.Entities * options.SignalsPerEntity;
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(total, options.Senders, (i, token) => baseline.RaiseAsync(ids[i % ids.Length], token), cancellationToken);
        var raisedMs = Timed.Since(started);
        await Senders.RunAsync(ids.Length, options.Senders,
            (e, token) => baseline.WaitForCountAsync(ids[e], options.SignalsPerEntity, options.ApplyTimeout, token), cancellationToken);
        var appliedMs = Timed.Since(started);

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var exact = 0;
        string? firstWrong = null;
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            var count = await baseline.ReadCountAsync(ids[e], token);
            if (count == options.SignalsPerEntity)
            {
                Interlocked.Increment(ref exact);
            }
            else
            {
                Interlocked.CompareExchange(ref firstWrong, $"{ids[e]}: {count}", null);
            }
        }, cancellationToken);
        recorder.Check(BenchSide.Baseline, $"every instance counted its {options.SignalsPerEntity} events exactly once", exact == ids.Length,
            $"{exact} of {ids.Length} instances exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
        return Record(recorder, BenchSide.Baseline, total, raisedMs, appliedMs);
    }

    private double Record(ScenarioRecorder recorder, string side, int total, double ackedMs, double appliedMs)
    {
        var rate = total / (appliedMs / 1000);
        recorder.Count(side, total);
        recorder.Figure(side, "appliedPerSecond", rate);
        recorder.Figure(side, "acknowledgedPerSecond", total / (ackedMs / 1000));
        recorder.Figure(side, "allAppliedMs", appliedMs);
        context.Log.Line($"  {side,-8} {total} signals to {options.Entities} entities: acknowledged in {ackedMs / 1000:0.00} s, applied in {appliedMs / 1000:0.00} s → {rate:0} /s");
        return rate;
    }
}
