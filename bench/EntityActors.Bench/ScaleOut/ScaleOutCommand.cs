using System.Diagnostics;
using System.Text.Json;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Scenarios;

namespace EntityActors.Bench.ScaleOut;

/// <summary>The multi-replica run (<c>--replicas n --store …</c>): start the three sides, run both scenarios, print and write the report.</summary>
public static class ScaleOutCommand
{
    private const int FailureTailLines = 40;

    /// <returns>0 when both scenarios finished and every exactly-once check passed; 1 otherwise.</returns>
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var log = new BenchLog(output);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Current();
        var replicas = options.ScaleOut.Replicas;
        var store = options.ScaleOut.Store.ToString().ToLowerInvariant();
        var routing = options.ScaleOut.Routing is ReplicaRouting.Entity ? "entity" : "round-robin";
        log.Line($"EntityActors bench, {replicas} replicas against 1 on {store}, {routing} routing ({(options.Tiny ? "tiny" : "full")} run) on {machine}");
        log.Line($"Restate is {ScaleOutReport.NoRestate}.");

        ScaleOutRuntime runtime;
        try
        {
            runtime = await ScaleOutRuntime.StartAsync(options, log, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            await output.WriteLineAsync($"Could not start the runtime: {exception.Message}");
            return 1;
        }

        ScaleOutReport report;
        await using (runtime)
        {
            var context = new BenchContext(options, log, runtime.SingleClient, runtime.SingleWorkflows, runtime.BaselineClient, runtime.ProcessesOf);
            var scenarios = new ScaleOutScenarios(context, runtime);
            await scenarios.WarmUpAsync(cancellationToken);
            var results = new List<ScaleOutScenarioResult>();
            var costs = new List<ScaleOutCost>();
            if (options.Runs(ScenarioNames.ManyEntities))
            {
                await RunAsync(scenarios.ManyEntitiesRecorder(), scenarios.ManyEntitiesAsync, runtime, log, results, costs, cancellationToken);
            }

            if (options.Runs(ScenarioNames.Answered))
            {
                await RunAsync(scenarios.AnsweredRecorder(), scenarios.AnsweredAsync, runtime, log, results, costs, cancellationToken);
                if (scenarios.ReferenceCost is { } reference)
                {
                    costs.Add(reference);
                    log.Line($"  the reference service on {replicas} processes against 1: {ScaleOutTable.Describe(reference)}");
                }
            }

            report = new ScaleOutReport(
                startedAt,
                Math.Round(clock.Elapsed.TotalSeconds, 1),
                options.Tiny ? "tiny" : "full",
                replicas,
                store,
                routing,
                ScaleOutReport.NoRestate,
                machine,
                MachineInfo.ReadLoadAverage(),
                BenchSettings.From(options, AppBuild(runtime.Single.AppAssemblyPath), "not run"),
                results,
                costs);

            await output.WriteLineAsync();
            await output.WriteLineAsync(ScaleOutTable.Text(report));
            await output.WriteLineAsync(
                $"÷ 1 replica = {replicas} replicas ÷ 1 replica, ÷ bare = {replicas} replicas ÷ bare Dapr (above 1 is better for rates, below 1 for times and CPU); " +
                $"every side on {store} servers of its own, all on this machine's {Environment.ProcessorCount} cores: replicas share the work, they cannot add cores " +
                $"(docs/benchmark.md). Restate: {ScaleOutReport.NoRestate}. Load average at start {machine.LoadAverage}, at end {report.LoadAverageAtEnd}. " +
                $"Source {report.Settings.SourceVersion ?? "unknown"}, app build {report.Settings.AppBuild}.");
            if (options.OutputPath is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchReport.Json), cancellationToken);
                await output.WriteLineAsync($"Figures written to {Path.GetFullPath(path)}");
            }

            if (options.MarkdownPath is { } markdown)
            {
                await File.WriteAllTextAsync(markdown, ScaleOutTable.Markdown(report), cancellationToken);
                await output.WriteLineAsync($"Table written to {Path.GetFullPath(markdown)}");
            }

            log.Line("stopping the three sides");
        }

        return report.AllChecksPassed ? 0 : 1;
    }

    private static async Task RunAsync(
        ScenarioRecorder recorder,
        Func<ScenarioRecorder, CancellationToken, Task<(IReadOnlyList<ScaleOutRow> Rows, ScaleOutCost Cost)>> scenario,
        ScaleOutRuntime runtime,
        BenchLog log,
        List<ScaleOutScenarioResult> results,
        List<ScaleOutCost> costs,
        CancellationToken cancellationToken)
    {
        log.Line($"== {recorder.Title}");
        var retriesBefore = ScaleOutSide.All.ToDictionary(side => side, runtime.Output.SidecarRetries);
        IReadOnlyList<ScaleOutRow> rows = [];
        string? error = null;
        try
        {
            (rows, var cost) = await scenario(recorder, cancellationToken);
            costs.Add(cost);
            log.Line($"  {runtime.Replicas.Replicas.Count} replicas against 1: {ScaleOutTable.Describe(cost)}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // One broken scenario must not hide the other's figures; it fails the run and says why.
            error = $"{exception.GetType().Name}: {exception.Message}";
            log.Line($"  FAILED: {error}");
            foreach (var line in runtime.Output.Tail(FailureTailLines))
            {
                log.Line("  | " + line);
            }
        }

        // A sidecar pausing a second before retrying an actor call explains many a slow tail: count them per scenario.
        foreach (var side in ScaleOutSide.All)
        {
            recorder.Figure(side, "sidecarRetryPauses", runtime.Output.SidecarRetries(side) - retriesBefore[side]);
        }

        results.Add(new ScaleOutScenarioResult(recorder.Id, recorder.Title, recorder.Method, recorder.Seconds, recorder.Sides(), rows, recorder.Checks(), error));
    }

    private static string AppBuild(string? path) =>
        path is not null ? Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) ?? path : "unknown";
}
