using System.Diagnostics;
using System.Text.Json;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.ScaleOut;
using EntityActors.Bench.Scenarios;
using EntityActors.Bench.Scenarios.Answered;
using EntityActors.Bench.Scenarios.ManyEntities;

namespace EntityActors.Bench;

/// <summary>The bench's entry point: parse, start the three systems, run the scenarios, print the table, write the JSON.</summary>
public static class BenchCommand
{
    private const int FailureTailLines = 40;

    /// <summary>Runs the bench as the command line says.</summary>
    /// <returns>0 when every run scenario finished and every exactly-once check passed; 1 otherwise; 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (FormatException exception)
        {
            await output.WriteLineAsync($"{exception.Message}{Environment.NewLine}{Environment.NewLine}{BenchOptions.Usage}");
            return 2;
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(BenchOptions.Usage);
            return 0;
        }

        if (options.ScaleOut.Enabled)
        {
            return await ScaleOutCommand.RunAsync(options, output, cancellationToken);
        }

        var log = new BenchLog(output);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Current();
        log.Line($"EntityActors bench ({(options.Tiny ? "tiny" : "full")} run) on {machine}");

        BenchRuntime runtime;
        try
        {
            runtime = await BenchRuntime.StartAsync(options, log, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            await output.WriteLineAsync($"Could not start the runtime: {exception.Message}");
            return 1;
        }

        BenchReport report;
        await using (runtime)
        {
            var context = new BenchContext(runtime, options, log);
            await WarmUp.RunAsync(context, cancellationToken);
            var results = new List<ScenarioResult>();
            foreach (var scenario in Scenarios(context).Where(s => options.Runs(s.Id)))
            {
                results.Add(await RunScenarioAsync(scenario, context, cancellationToken));
            }

            report = new BenchReport(
                startedAt,
                Math.Round(clock.Elapsed.TotalSeconds, 1),
                options.Tiny ? "tiny" : "full",
                machine,
                MachineInfo.ReadLoadAverage(),
                BenchSettings.From(options, AppBuild(runtime), runtime.Restate.Versions),
                results);

            await output.WriteLineAsync();
            await output.WriteLineAsync(ReportTable.Text(report));
            await output.WriteLineAsync($"÷ bare = product ÷ bare Dapr, ÷ Restate = product ÷ Restate (above 1 is better for rates, below 1 for times, memory and CPU); – = not measured or no fair equivalent (docs/benchmark.md). Load average at start {machine.LoadAverage}, at end {report.LoadAverageAtEnd}. Source {report.Settings.SourceVersion ?? "unknown"}, app build {report.Settings.AppBuild}, {report.Settings.RestateVersions}.");
            if (options.OutputPath is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchReport.Json), cancellationToken);
                await output.WriteLineAsync($"Figures written to {Path.GetFullPath(path)}");
            }

            if (options.MarkdownPath is { } markdown)
            {
                await File.WriteAllTextAsync(markdown, ReportTable.Markdown(report), cancellationToken);
                await output.WriteLineAsync($"Table written to {Path.GetFullPath(markdown)}");
            }

            log.Line($"stopping the three systems");
        }

        return report.AllChecksPassed ? 0 : 1;
    }

    private static IEnumerable<IBenchScenario> Scenarios(BenchContext context) =>
    [
        new LatencyScenario(context),
        new HotEntityScenario(context),
        new ManyEntitiesScenario(context),
        new AnsweredScenario(context),
        new LongLifeQueryScenario(context),
        new IdleEntitiesScenario(context),
        new ContinueAsNewScenario(context),
    ];

    private static async Task<ScenarioResult> RunScenarioAsync(IBenchScenario scenario, BenchContext context, CancellationToken cancellationToken)
    {
        var recorder = new ScenarioRecorder(scenario.Id, scenario.Title, scenario.Method);
        context.Log.Line($"== {scenario.Title}");
        var output = context.Runtime.Output;
        var retriesBefore = (Product: output.SidecarRetries(BenchSide.Product), Baseline: output.SidecarRetries(BenchSide.Baseline));
        try
        {
            await scenario.RunAsync(recorder, cancellationToken);
            RecordSidecarRetries();
            return recorder.Finish();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // One broken scenario must not hide the others' figures; it fails the run and says why.
            context.Log.Line($"  FAILED: {exception.GetType().Name}: {exception.Message}");
            foreach (var line in context.Runtime.Output.Tail(FailureTailLines))
            {
                context.Log.Line("  | " + line);
            }

            RecordSidecarRetries();
            return recorder.Finish($"{exception.GetType().Name}: {exception.Message}");
        }

        // A sidecar pausing a second before retrying an actor call explains many a slow tail: count them per scenario.
        void RecordSidecarRetries()
        {
            var product = output.SidecarRetries(BenchSide.Product) - retriesBefore.Product;
            var baseline = output.SidecarRetries(BenchSide.Baseline) - retriesBefore.Baseline;
            recorder.Figure(BenchSide.Product, "sidecarRetryPauses", product);
            recorder.Figure(BenchSide.Baseline, "sidecarRetryPauses", baseline);
            if (product + baseline > 0)
            {
                context.Log.Line($"  sidecar \"Retrying in …\" pauses: product {product}, baseline {baseline}");
            }
        }
    }

    private static string AppBuild(BenchRuntime runtime) =>
        runtime.Product.AppAssemblyPath is { } path ? Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) ?? path : "unknown";
}
