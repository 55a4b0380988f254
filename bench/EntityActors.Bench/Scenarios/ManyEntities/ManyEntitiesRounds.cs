using System.Diagnostics;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios.ManyEntities;

/// <summary>
/// One timed round of the many-entities scenario on each side: live entities first (untimed), then every signal sent
/// without waiting by the senders, timed until every entity shows all of its signals applied, then checked exact. The
/// product's CPU is measured on until its entity workflows show every signal too: the work its relay defers past
/// "applied" is the round's as well.
/// </summary>
public sealed class ManyEntitiesRounds(BenchContext context)
{
    private readonly BenchOptions options = context.Options;

    private int Total => options.Entities * options.SignalsPerEntity;

    /// <summary>New product entities named <paramref name="prefix"/>-0, -1, …, each created by one signal and applied.</summary>
    public Task<string[]> CreateProductEntitiesAsync(string prefix, CancellationToken cancellationToken) =>
        CreateProductEntitiesAsync(context.Product, prefix, cancellationToken);

    private async Task<string[]> CreateProductEntitiesAsync(ProductClient product, string prefix, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.ProductId($"{prefix}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await product.SignalAsync(ids[e], "create", null, token);
            await product.WaitForSequenceAsync(ids[e], 1, options.ApplyTimeout, token);
        }, cancellationToken);
        return ids;
    }

    /// <summary>New Restate items, each created by one restock call (answered once applied).</summary>
    public async Task<string[]> CreateRestateEntitiesAsync(string prefix, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.RestateId($"{prefix}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, (e, token) => context.Restate.RestockAsync(ids[e], "create", token), cancellationToken);
        return ids;
    }

    public Task<SideRound> ProductAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken) =>
        ProductAsync(recorder, BenchSide.Product, context.Product, context.ProductWorkflows, round, cancellationToken);

    /// <summary>
    /// A product round as <paramref name="side"/>, through <paramref name="product"/> (e.g. spread over several replicas),
    /// its entity workflows read through <paramref name="workflows"/>.
    /// </summary>
    public async Task<SideRound> ProductAsync(
        ScenarioRecorder recorder, string side, ProductClient product, ProductWorkflows workflows, int round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        // Live before the timing, like the baseline's scheduled instances: each entity's workflow started and holding
        // the signal that created it, so the round's CPU window holds no workflow starts.
        var ids = await CreateProductEntitiesAsync(product, $"many-{round}", cancellationToken);
        await workflows.WaitUntilCaughtUpAsync(ProductClient.Kind, ids, 1, options.WorkflowCatchUpTimeout, cancellationToken);
        var expected = options.SignalsPerEntity + 1;
        using var cpu = context.MeasureCpu(recorder, side, Label(round));
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(Total, options.Senders,
            (i, token) => product.SignalAsync(ids[i % ids.Length], $"many-{i / ids.Length}", null, token), cancellationToken);
        var ackedMs = Timed.Since(started);
        await Senders.RunAsync(ids.Length, options.Senders,
            (e, token) => product.WaitForSequenceAsync(ids[e], expected, options.ApplyTimeout, token), cancellationToken);
        var appliedMs = Timed.Since(started);
        await workflows.WaitUntilCaughtUpAsync(ProductClient.Kind, ids, expected, options.WorkflowCatchUpTimeout, cancellationToken);
        var caughtUpMs = Timed.Since(started);
        cpu.Dispose();
        await CheckAsync(recorder, side, round, ids, $"every entity applied its {options.SignalsPerEntity} signals (and the one that created it) exactly once",
            async (id, token) =>
            {
                var view = await product.GetAsync(id, null, 0, token);
                return view is { } v && v.Sequence == expected && v.Version == expected && v.OnHand == expected ? null : $"{id}: {view}";
            }, cancellationToken);
        return Finish(side, round, ackedMs, appliedMs, cpu, caughtUpMs);
    }

    public async Task<SideRound> BaselineAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.BaselineId($"many-{round}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await baseline.ScheduleAsync(ids[e], options.ContinueAsNewAfterSignals, token);
            await baseline.WaitForCountAsync(ids[e], 0, options.ApplyTimeout, token);
        }, cancellationToken);

        using var cpu = context.MeasureCpu(recorder, BenchSide.Baseline, Label(round));
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(Total, options.Senders, (i, token) => baseline.RaiseAsync(ids[i % ids.Length], token), cancellationToken);
        var raisedMs = Timed.Since(started);
        await Senders.RunAsync(ids.Length, options.Senders,
            (e, token) => baseline.WaitForCountAsync(ids[e], options.SignalsPerEntity, options.ApplyTimeout, token), cancellationToken);
        var appliedMs = Timed.Since(started);
        cpu.Dispose();
        await CheckAsync(recorder, BenchSide.Baseline, round, ids, $"every instance counted its {options.SignalsPerEntity} events exactly once",
            async (id, token) =>
            {
                var count = await baseline.ReadCountAsync(id, token);
                return count == options.SignalsPerEntity ? null : $"{id}: {count}";
            }, cancellationToken);
        return Finish(BenchSide.Baseline, round, raisedMs, appliedMs, cpu);
    }

    /// <summary>
    /// Restate: one-way sends (202 = durably accepted), then per item Restate's own wait for its last send (attach) and a
    /// read of the shared getter until it shows them all.
    /// </summary>
    public async Task<SideRound> RestateAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken)
    {
        var restate = context.Restate;
        var ids = await CreateRestateEntitiesAsync($"many-{round}", cancellationToken);
        var expected = options.SignalsPerEntity + 1;
        var lastSent = new string?[ids.Length];

        using var cpu = context.MeasureCpu(recorder, BenchSide.Restate, Label(round));
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(Total, options.Senders, async (i, token) =>
            Volatile.Write(ref lastSent[i % ids.Length], await restate.SendRestockAsync(ids[i % ids.Length], $"many-{i / ids.Length}", token)), cancellationToken);
        var ackedMs = Timed.Since(started);
        await Senders.RunAsync(ids.Length, options.Senders,
            (e, token) => restate.WaitForSequenceAsync(ids[e], expected, lastSent[e], options.ApplyTimeout, token), cancellationToken);
        var appliedMs = Timed.Since(started);
        cpu.Dispose();
        await CheckAsync(recorder, BenchSide.Restate, round, ids, $"every item applied its {options.SignalsPerEntity} signals (and the one that created it) exactly once",
            async (id, token) =>
            {
                var view = await restate.GetAsync(id, token);
                return view is { } v && v.Sequence == expected && v.Version == expected && v.OnHand == expected ? null : $"{id}: {view}";
            }, cancellationToken);
        return Finish(BenchSide.Restate, round, ackedMs, appliedMs, cpu);
    }

    private static string? Label(int round) => round == 1 ? null : $"round{round}";

    /// <summary>After a pause (late duplicates would show), reads every entity; <paramref name="wrong"/> says what is off, or null.</summary>
    private async Task CheckAsync(
        ScenarioRecorder recorder, string side, int round, string[] ids, string what, Func<string, CancellationToken, Task<string?>> wrong, CancellationToken cancellationToken)
    {
        await Task.Delay(BenchContext.Settle, cancellationToken);
        var exact = 0;
        string? firstWrong = null;
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            if (await wrong(ids[e], token) is { } problem)
            {
                Interlocked.CompareExchange(ref firstWrong, problem, null);
            }
            else
            {
                Interlocked.Increment(ref exact);
            }
        }, cancellationToken);
        recorder.Check(side, $"round {round}: {what}", exact == ids.Length,
            $"{exact} of {ids.Length} exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
    }

    private SideRound Finish(string side, int round, double ackedMs, double appliedMs, SideCpu cpu, double? caughtUpMs = null)
    {
        var result = new SideRound(round, Total, ackedMs, appliedMs, cpu.SideSeconds, caughtUpMs, cpu.SideSwitches);
        context.Log.Line(
            $"  {side,-8} {Total} signals to {options.Entities} entities: acknowledged in {ackedMs / 1000:0.00} s, applied in {appliedMs / 1000:0.00} s → {result.AppliedPerSecond:0} /s" +
            (caughtUpMs is { } ms ? $"; workflows caught up in {ms / 1000:0.00} s" : string.Empty));
        return result;
    }
}
