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
        $"Checked: every entity ends with exactly {options.SignalsPerEntity} more. {options.ManyRounds} alternating rounds on new entities; " +
        "each side's median is reported.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        // Alternating rounds on new entities: one round is at the mercy of a single slow phase on either side (the bare
        // runtime's one-second retries, say); the median of each side is what the row reports.
        var product = new List<Round>();
        var baseline = new List<Round>();
        for (var round = 1; round <= options.ManyRounds; round++)
        {
            var label = round == 1 ? null : $"round{round}";
            using (context.MeasureCpu(recorder, BenchSide.Product, label))
            {
                product.Add(await ProductAsync(recorder, round, cancellationToken));
            }

            using (context.MeasureCpu(recorder, BenchSide.Baseline, label))
            {
                baseline.Add(await BaselineAsync(recorder, round, cancellationToken));
            }
        }

        var productRate = Record(recorder, BenchSide.Product, product);
        var baselineRate = Record(recorder, BenchSide.Baseline, baseline);
        if (options.ManyRounds > 1)
        {
            context.Log.Line($"  median of {options.ManyRounds} rounds: product {productRate:0} /s, baseline {baselineRate:0} /s");
        }

        recorder.Row($"{options.Entities} entities × {options.SignalsPerEntity}, {options.Senders} senders: applied", "/s", productRate, baselineRate, BenchTarget.TimesBaseline(2));

        // What batching under load costs each signal; the product's side only: the baseline would need a poller per
        // instance every few milliseconds, a load of its own.
        var underLoad = await ProductLatencyUnderLoadAsync(cancellationToken);
        recorder.Figure(BenchSide.Product, "underLoad.signals", underLoad.Count);
        recorder.Figure(BenchSide.Product, "underLoad.ackToAppliedP50Ms", underLoad.P50);
        recorder.Figure(BenchSide.Product, "underLoad.ackToAppliedP90Ms", underLoad.P90);
        recorder.Figure(BenchSide.Product, "underLoad.ackToAppliedP99Ms", underLoad.P99);
        recorder.Row($"{options.Entities} entities × {options.SignalsPerEntity}: acknowledged → applied p50", "ms", underLoad.P50, null);
        recorder.Row($"{options.Entities} entities × {options.SignalsPerEntity}: acknowledged → applied p99", "ms", underLoad.P99, null);
    }

    /// <summary>
    /// One more product round, untimed as a rate, with a long-poll reader per entity: how long each signal waited from
    /// its acknowledgement until the entity showed it applied, while the others kept coming.
    /// </summary>
    private async Task<LatencySummary> ProductLatencyUnderLoadAsync(CancellationToken cancellationToken)
    {
        var ids = await CreateProductEntitiesAsync("many-load", cancellationToken);

        var last = options.SignalsPerEntity + 1;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<(int Entity, long Sequence), long>();
        var applied = ids.Select(_ => new List<(long Sequence, long At)>()).ToArray();
        var readers = Enumerable.Range(0, ids.Length).Select(e => Task.Run(async () =>
        {
            for (var seen = 1L; seen < last;)
            {
                var view = await context.Product.WaitForSequenceAsync(ids[e], seen + 1, options.ApplyTimeout, cancellationToken);
                applied[e].Add((view.Sequence, Stopwatch.GetTimestamp()));
                seen = view.Sequence;
            }
        }, cancellationToken)).ToList();

        await Senders.RunAsync(ids.Length * options.SignalsPerEntity, options.Senders, async (i, token) =>
        {
            var ack = await context.Product.SignalAsync(ids[i % ids.Length], $"load-{i / ids.Length}", null, token);
            acknowledged[(i % ids.Length, ack.Sequence)] = Stopwatch.GetTimestamp();
        }, cancellationToken);
        await Task.WhenAll(readers);

        var waits = acknowledged.Select(pair =>
        {
            var seenAt = applied[pair.Key.Entity].First(view => view.Sequence >= pair.Key.Sequence).At;
            return Math.Max(0, Stopwatch.GetElapsedTime(pair.Value, seenAt).TotalMilliseconds);
        }).ToList();
        var summary = LatencySummary.Of(waits);
        context.Log.Line($"  product  under load, acknowledged → applied: {summary}");
        return summary;
    }

    /// <summary>New product entities named <paramref name="prefix"/>-0, -1, …, each created by one signal and applied.</summary>
    private async Task<string[]> CreateProductEntitiesAsync(string prefix, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.ProductId($"{prefix}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await context.Product.SignalAsync(ids[e], "create", null, token);
            await context.Product.WaitForSequenceAsync(ids[e], 1, options.ApplyTimeout, token);
        }, cancellationToken);
        return ids;
    }

    private async Task<Round> ProductAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken)
    {
        // Live before the timing, like the baseline's scheduled instances.
        var ids = await CreateProductEntitiesAsync($"many-{round}", cancellationToken);

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
        recorder.Check(BenchSide.Product, $"round {round}: every entity applied its {options.SignalsPerEntity} signals (and the one that created it) exactly once", exact == ids.Length,
            $"{exact} of {ids.Length} entities exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
        return Round.Of(context, BenchSide.Product, round, total, options.Entities, ackedMs, appliedMs);
    }

    private async Task<Round> BaselineAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.BaselineId($"many-{round}-{e}")).ToArray();
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
        recorder.Check(BenchSide.Baseline, $"round {round}: every instance counted its {options.SignalsPerEntity} events exactly once", exact == ids.Length,
            $"{exact} of {ids.Length} instances exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
        return Round.Of(context, BenchSide.Baseline, round, total, options.Entities, raisedMs, appliedMs);
    }

    /// <summary>Records each round's figures and the medians; returns the median applied rate.</summary>
    private static double Record(ScenarioRecorder recorder, string side, List<Round> rounds)
    {
        foreach (var round in rounds.Count > 1 ? rounds : [])
        {
            recorder.Figure(side, $"round{round.Number}.appliedPerSecond", round.AppliedPerSecond);
            recorder.Figure(side, $"round{round.Number}.acknowledgedPerSecond", round.AcknowledgedPerSecond);
        }

        var median = Median(rounds, r => r.AppliedPerSecond);
        recorder.Count(side, rounds.Sum(r => r.Signals));
        recorder.Figure(side, "appliedPerSecond", median);
        recorder.Figure(side, "acknowledgedPerSecond", Median(rounds, r => r.AcknowledgedPerSecond));
        recorder.Figure(side, "allAppliedMs", Median(rounds, r => r.AllAppliedMs));
        return median;
    }

    private static double Median(List<Round> rounds, Func<Round, double> figure)
    {
        var sorted = rounds.Select(figure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>One side's figures in one round.</summary>
    private sealed record Round(int Number, int Signals, double AcknowledgedPerSecond, double AppliedPerSecond, double AllAppliedMs)
    {
        public static Round Of(BenchContext context, string side, int number, int total, int entities, double ackedMs, double appliedMs)
        {
            var round = new Round(number, total, total / (ackedMs / 1000), total / (appliedMs / 1000), appliedMs);
            context.Log.Line(
                $"  {side,-8} {total} signals to {entities} entities: acknowledged in {ackedMs / 1000:0.00} s, applied in {appliedMs / 1000:0.00} s → {round.AppliedPerSecond:0} /s");
            return round;
        }
    }
}
