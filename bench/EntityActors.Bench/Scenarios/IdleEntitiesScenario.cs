using System.Diagnostics;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>Many live, idle entities: how long creating them takes, what they cost in memory, how fast one is read.</summary>
public sealed class IdleEntitiesScenario(BenchContext context) : IBenchScenario
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MemorySettle = TimeSpan.FromSeconds(2);

    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.IdleEntities;

    public string Title => $"{options.IdleEntities} idle entities";

    public string Method =>
        $"{options.IdleEntities} entities created with one signal each by {options.Senders} concurrent senders, timed until every one " +
        "shows its signal applied (checked: exactly 1 each). Resident memory (VmRSS) read before and " +
        $"{MemorySettle.TotalSeconds:0} s after. Then {options.IdleQuerySamples} reads of random ones. Product: POST without wait " +
        "(signal-with-start), GET ?minSequence=1, then until every entity's workflow (started after the answer) shows it, inside the CPU window; " +
        "memory of the app and of its daprd. Baseline: schedule the workflow and raise " +
        "one event, poll the counter; memory of its daprd and of the bench process, which hosts the baseline's workflow worker. " +
        "Restate: /send one restock each, read the shared getter; memory of the node service (as the app) and of restate-server (as the sidecar).";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        Outcome product, baseline, restate;
        var productCpu = context.MeasureCpu(recorder, BenchSide.Product);
        using (productCpu)
        {
            product = await ProductAsync(recorder, cancellationToken);
        }

        var baselineCpu = context.MeasureCpu(recorder, BenchSide.Baseline);
        using (baselineCpu)
        {
            baseline = await BaselineAsync(recorder, cancellationToken);
        }

        var restateCpu = context.MeasureCpu(recorder, BenchSide.Restate);
        using (restateCpu)
        {
            restate = await RestateAsync(recorder, cancellationToken);
        }

        var label = BenchContext.Number(options.IdleEntities);
        recorder.Row($"{label} idle entities: create, until applied", "s", product.Seconds, baseline.Seconds, restate.Seconds);
        recorder.Row(
            $"{label} idle entities: CPU per entity, all processes of a side", "ms",
            PerEntity(productCpu), PerEntity(baselineCpu), PerEntity(restateCpu));
        recorder.Row($"{label} idle entities: app memory growth", "MB", product.AppGrowth, baseline.AppGrowth, restate.AppGrowth, BenchTarget.LessThan(200, "MB"));
        recorder.Row($"{label} idle entities: sidecar memory growth", "MB", product.SidecarGrowth, baseline.SidecarGrowth, restate.SidecarGrowth);
        recorder.Row("query a random idle entity: p50", "ms", product.Queries.P50, baseline.Queries.P50, restate.Queries.P50);
        recorder.Row("query a random idle entity: p99", "ms", product.Queries.P99, baseline.Queries.P99, restate.Queries.P99, BenchTarget.AtMost(5, "ms"));
    }

    private async Task<Outcome> ProductAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var product = context.Product;
        var environment = context.Runtime.Product;
        var ids = Enumerable.Range(0, options.IdleEntities).Select(i => context.ProductId($"idle-{i}")).ToArray();
        var appBefore = ProcessMemory.ResidentMegabytes(environment.AppProcessId);
        var sidecarBefore = ProcessMemory.ResidentMegabytes(environment.SidecarProcessId);

        var (seconds, exact) = await CreateAsync(
            recorder, BenchSide.Product, ids.Length, "acknowledged",
            (i, token) => product.SignalAsync(ids[i], "idle-create", null, token),
            async (i, token) => await product.WaitForSequenceAsync(ids[i], 1, options.ApplyTimeout, token) is { Sequence: 1, Version: 1, OnHand: 1 },
            cancellationToken);
        recorder.Check(BenchSide.Product, "every idle entity applied its one signal exactly once", exact == ids.Length, $"{exact} of {ids.Length} exact");
        var workflowsSeconds = seconds + await WorkflowsCaughtUpAsync(ids, cancellationToken);
        recorder.Figure(BenchSide.Product, "workflowsCaughtUpSeconds", workflowsSeconds);
        context.Log.Line($"  {BenchSide.Product,-8} every workflow holds its signal {workflowsSeconds:0.0} s after the first send");
        await Task.Delay(MemorySettle, cancellationToken);
        var appAfter = ProcessMemory.ResidentMegabytes(environment.AppProcessId);
        var sidecarAfter = ProcessMemory.ResidentMegabytes(environment.SidecarProcessId);

        var random = new Random(ids.Length);
        var queries = await SampleAsync(() => product.GetAsync(ids[random.Next(ids.Length)], null, 0, cancellationToken));
        return Record(recorder, BenchSide.Product, ids.Length, seconds, (appBefore, appAfter), (sidecarBefore, sidecarAfter), queries);
    }

    /// <summary>
    /// Seconds until every entity's workflow (the durable holder, started after the answer) shows its signal, read by the
    /// senders in parallel: what the product still does after its acknowledgements stays inside the side's CPU window.
    /// </summary>
    private async Task<double> WorkflowsCaughtUpAsync(string[] ids, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var slices = Enumerable.Range(0, options.Senders).Select(s => ids.Where((_, i) => i % options.Senders == s).ToArray());
        await Task.WhenAll(slices.Select(slice =>
            context.ProductWorkflows.WaitUntilCaughtUpAsync(ProductClient.Kind, slice, 1, options.WorkflowCatchUpTimeout, cancellationToken)));
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private double? PerEntity(SideCpu cpu) => cpu.SideSeconds * 1000 / options.IdleEntities;

    private async Task<Outcome> BaselineAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var sidecarPid = context.Runtime.Baseline.SidecarProcessId;
        var ids = Enumerable.Range(0, options.IdleEntities).Select(i => context.BaselineId($"idle-{i}")).ToArray();
        var workerBefore = ProcessMemory.ResidentMegabytes(Environment.ProcessId);
        var sidecarBefore = ProcessMemory.ResidentMegabytes(sidecarPid);

        var (seconds, exact) = await CreateAsync(
            recorder, BenchSide.Baseline, ids.Length, "scheduled and raised",
            async (i, token) =>
            {
                await baseline.ScheduleAsync(ids[i], options.ContinueAsNewAfterSignals, token);
                await baseline.RaiseAsync(ids[i], token);
            },
            async (i, token) => await baseline.WaitForCountAsync(ids[i], 1, options.ApplyTimeout, token) == 1,
            cancellationToken);
        recorder.Check(BenchSide.Baseline, "every idle instance counted its one event exactly once", exact == ids.Length, $"{exact} of {ids.Length} exact");
        await Task.Delay(MemorySettle, cancellationToken);
        var workerAfter = ProcessMemory.ResidentMegabytes(Environment.ProcessId);
        var sidecarAfter = ProcessMemory.ResidentMegabytes(sidecarPid);

        var random = new Random(ids.Length);
        var queries = await SampleAsync(() => baseline.ReadCountAsync(ids[random.Next(ids.Length)], cancellationToken));
        return Record(recorder, BenchSide.Baseline, ids.Length, seconds, (workerBefore, workerAfter), (sidecarBefore, sidecarAfter), queries);
    }

    private async Task<Outcome> RestateAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var restate = context.Restate;
        var runtime = context.Runtime.Restate;
        var ids = Enumerable.Range(0, options.IdleEntities).Select(i => context.RestateId($"idle-{i}")).ToArray();
        var serviceBefore = ProcessMemory.ResidentMegabytes(runtime.ServiceProcessId);
        var serverBefore = ProcessMemory.ResidentMegabytes(runtime.ServerProcessId);

        var (seconds, exact) = await CreateAsync(
            recorder, BenchSide.Restate, ids.Length, "sent",
            (i, token) => restate.SendRestockAsync(ids[i], "idle-create", token),
            async (i, token) => await restate.WaitForSequenceAsync(ids[i], 1, null, options.ApplyTimeout, token) is { Sequence: 1, Version: 1, OnHand: 1 },
            cancellationToken);
        recorder.Check(BenchSide.Restate, "every idle item applied its one signal exactly once", exact == ids.Length, $"{exact} of {ids.Length} exact");
        await Task.Delay(MemorySettle, cancellationToken);
        var serviceAfter = ProcessMemory.ResidentMegabytes(runtime.ServiceProcessId);
        var serverAfter = ProcessMemory.ResidentMegabytes(runtime.ServerProcessId);

        var random = new Random(ids.Length);
        var queries = await SampleAsync(() => restate.GetAsync(ids[random.Next(ids.Length)], cancellationToken));
        return Record(recorder, BenchSide.Restate, ids.Length, seconds, (serviceBefore, serviceAfter), (serverBefore, serverAfter), queries);
    }

    /// <summary>
    /// Creates <paramref name="count"/> entities with <paramref name="create"/> by the configured senders, then waits for
    /// each to show its signal applied: seconds from the first send until the last is applied, and how many were exact.
    /// </summary>
    private async Task<(double Seconds, int Exact)> CreateAsync(
        ScenarioRecorder recorder, string side, int count, string sent,
        Func<int, CancellationToken, Task> create, Func<int, CancellationToken, Task<bool>> appliedExactlyOnce, CancellationToken cancellationToken)
    {
        var created = 0;
        var applied = 0;
        var exact = 0;
        var started = Stopwatch.GetTimestamp();
        using (context.Log.Every(ProgressInterval, () => $"  {side,-8} {BenchContext.Number(created)} of {BenchContext.Number(count)} {sent}, {BenchContext.Number(applied)} seen applied"))
        {
            await Senders.RunAsync(count, options.Senders, async (i, token) =>
            {
                await create(i, token);
                Interlocked.Increment(ref created);
            }, cancellationToken);
            var createdMs = Timed.Since(started);
            recorder.Figure(side, "allAcknowledgedMs", createdMs);
            context.Log.Line($"  {side,-8} {BenchContext.Number(count)} {sent} in {createdMs / 1000:0.0} s");
            await Senders.RunAsync(count, options.Senders, async (i, token) =>
            {
                var exactlyOnce = await appliedExactlyOnce(i, token);
                Interlocked.Increment(ref applied);
                if (exactlyOnce)
                {
                    Interlocked.Increment(ref exact);
                }
            }, cancellationToken);
        }

        return (Timed.Since(started) / 1000, exact);
    }

    private async Task<LatencySummary> SampleAsync<T>(Func<Task<T>> query)
    {
        var samples = new List<double>(options.IdleQuerySamples);
        for (var i = 0; i < options.IdleQuerySamples; i++)
        {
            samples.Add(await Timed.MillisecondsAsync(query));
        }

        return LatencySummary.Of(samples);
    }

    private Outcome Record(
        ScenarioRecorder recorder, string side, int entities, double seconds,
        (double? Before, double? After) app, (double? Before, double? After) sidecar, LatencySummary queries)
    {
        recorder.Count(side, entities);
        recorder.Figure(side, "createSeconds", seconds);
        recorder.Figure(side, "entitiesPerSecond", entities / seconds);
        void Memory(string name, double? value)
        {
            if (value is { } megabytes)
            {
                recorder.Figure(side, name, megabytes);
            }
        }

        Memory("appRssBeforeMb", app.Before);
        Memory("appRssAfterMb", app.After);
        Memory("sidecarRssBeforeMb", sidecar.Before);
        Memory("sidecarRssAfterMb", sidecar.After);
        recorder.Figure(side, "queryP50Ms", queries.P50);
        recorder.Figure(side, "queryP99Ms", queries.P99);
        var outcome = new Outcome(seconds, app.After - app.Before, sidecar.After - sidecar.Before, queries);
        var (appName, sidecarName) = side switch
        {
            BenchSide.Product => ("app", "daprd"),
            BenchSide.Baseline => ("bench process (worker)", "daprd"),
            _ => ("node service", "restate-server"),
        };
        context.Log.Line(
            $"  {side,-8} {BenchContext.Number(entities)} created and applied in {seconds:0.0} s; {appName} RSS {app.Before:0} → {app.After:0} MB, " +
            $"{sidecarName} RSS {sidecar.Before:0} → {sidecar.After:0} MB; random query {queries}");
        return outcome;
    }

    private sealed record Outcome(double Seconds, double? AppGrowth, double? SidecarGrowth, LatencySummary Queries);
}
