using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios.ManyEntities;

/// <summary>Many entities, a few signals each, several concurrent senders: throughput, CPU and exactly-once per entity.</summary>
public sealed class ManyEntitiesScenario(BenchContext context) : IBenchScenario
{
    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.ManyEntities;

    public string Title => $"{options.Entities} entities × {options.SignalsPerEntity} signals";

    public string Method =>
        $"{options.Entities} entities × {options.SignalsPerEntity} signals, round robin over the entities, {options.Senders} concurrent senders; " +
        "timed from the first send until every entity shows all its signals applied. Every side starts with live entities: the product's and " +
        "Restate's are created by one signal each and the baseline's instances are scheduled (and running) before the timing starts. " +
        "Product: POST without wait, then GET ?minSequence per entity. Baseline: raise, then poll every counter. Restate: /send (202), then " +
        $"attach to each key's last send and read the shared getter. Checked: every entity ends with exactly {options.SignalsPerEntity} more. " +
        $"{options.ManyRounds} alternating rounds (product, baseline, Restate) on new entities; each side's median is reported. CPU per 1,000 " +
        "signals adds up a side's own processes; the product's until its entity workflows show every signal too (its relay's deferred raise " +
        "and the workflow's episode, read through its sidecar every 100 ms), and its workflows hold the creating signal before the timing. Then one more product and Restate round with a reader per entity: acknowledged → applied under load.";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var rounds = new ManyEntitiesRounds(context);
        var product = new List<SideRound>();
        var baseline = new List<SideRound>();
        var restate = new List<SideRound>();
        for (var round = 1; round <= options.ManyRounds; round++)
        {
            product.Add(await rounds.ProductAsync(recorder, round, cancellationToken));
            baseline.Add(await rounds.BaselineAsync(recorder, round, cancellationToken));
            restate.Add(await rounds.RestateAsync(recorder, round, cancellationToken));
        }

        var p = SideRound.Record(recorder, BenchSide.Product, product);
        var b = SideRound.Record(recorder, BenchSide.Baseline, baseline);
        var r = SideRound.Record(recorder, BenchSide.Restate, restate);
        if (options.ManyRounds > 1)
        {
            context.Log.Line($"  median of {options.ManyRounds} rounds: product {p.Rate:0} /s, baseline {b.Rate:0} /s, Restate {r.Rate:0} /s");
        }

        var label = $"{options.Entities} entities × {options.SignalsPerEntity}";
        recorder.Row($"{label}, {options.Senders} senders: applied", "/s", p.Rate, b.Rate, r.Rate, BenchTarget.TimesRestate(1.5), BenchTarget.TimesBaseline(3));
        recorder.Row($"{label}: CPU per 1,000 signals, all processes of a side", "s", p.CpuPerThousand, b.CpuPerThousand, r.CpuPerThousand, BenchTarget.NoMoreThanRestate());

        // What batching under load costs each signal. The baseline has no such reader: it would need a poller per
        // instance every few milliseconds, a load of its own.
        var underLoad = new ManyEntitiesUnderLoad(context, rounds);
        var productWaits = await underLoad.ProductAsync(cancellationToken);
        var restateWaits = await underLoad.RestateAsync(cancellationToken);
        Record(recorder, BenchSide.Product, productWaits);
        Record(recorder, BenchSide.Restate, restateWaits);
        recorder.Row($"{label}: acknowledged → applied under load p50", "ms", productWaits.P50, null, restateWaits.P50);
        recorder.Row($"{label}: acknowledged → applied under load p99", "ms", productWaits.P99, null, restateWaits.P99, BenchTarget.AtMost(50, "ms"));
    }

    private static void Record(ScenarioRecorder recorder, string side, LatencySummary waits)
    {
        recorder.Figure(side, "underLoad.signals", waits.Count);
        recorder.Figure(side, "underLoad.ackToAppliedP50Ms", waits.P50);
        recorder.Figure(side, "underLoad.ackToAppliedP90Ms", waits.P90);
        recorder.Figure(side, "underLoad.ackToAppliedP99Ms", waits.P99);
    }
}
