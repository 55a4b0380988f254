using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using EntityActors.LocalRuntime;
using EntityActors.Replay.Recorder;

// dotnet run --project tests/EntityActors.Replay.Recorder [-- --out <folder>] [--build current|baseline] [--only <scenario>]
// dotnet run --project tests/EntityActors.Replay.Recorder -- audit --sidecar <daprd gRPC address> --patch <name> [--workflow <name>]
if (args.Length > 0 && args[0] == "audit")
{
    return await AuditCommand.RunAsync(args[1..]);
}

var options = RecorderOptions.Parse(args);
var binaries = await DaprBinaries.ResolveAsync();
var info = new RecordingInfo(DateTimeOffset.UtcNow, await DaprdVersionAsync(binaries.Daprd), SdkVersion());
Console.WriteLine($"Recording into {options.Output} with daprd {info.Daprd}, Dapr.Workflow {info.DaprWorkflowSdk}");

// The processes' output, shown only when a scenario fails.
var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
foreach (var build in options.Builds)
{
    await using var recording = await StartAsync(build, binaries.Directory, log);
    foreach (var (name, run) in Scenarios.For(build).Where(s => options.Only is null || s.Name == options.Only))
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await run(recording);
        }
        catch
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, log.TakeLast(300)));
            throw;
        }

        Console.WriteLine($"[{build}] {name}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    foreach (var history in recording.Histories)
    {
        await history.WriteAsync(options.Output, info);
        Console.WriteLine($"  wrote {history.FileName} ({history.Generations.Sum(g => g.Count)} events)");
    }
}

return 0;

static async Task<Recording> StartAsync(string build, string daprBinDirectory, System.Collections.Concurrent.ConcurrentQueue<string> log)
{
    var environment = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
    {
        DaprBinDirectory = daprBinDirectory,
        AppAssemblyPath = AppBuild.AssemblyPath(build),
        Log = line =>
        {
            log.Enqueue(line);
            while (log.Count > 2_000 && log.TryDequeue(out _))
            {
            }
        },
        AppEnvironment =
        {
            ["EntityActors__Workflow__ContinueAsNewAfterSignals"] = Scenarios.ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
            ["EntityActors__Workflow__GenerationMaxAge"] = Scenarios.GenerationMaxAge.ToString("c", CultureInfo.InvariantCulture),
            ["EntityActors__Checkout__ApprovalThreshold"] = "1000",
            ["EntityActors__Checkout__ApprovalTimeout"] = Scenarios.ApprovalTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["EntityActors__Checkout__EscalationTimeout"] = Scenarios.ApprovalTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["EntityActors__Operations__ChunkLines"] = Scenarios.OperationChunkLines.ToString(CultureInfo.InvariantCulture),
            ["EntityActors__Operations__LinesPerActivity"] = Scenarios.OperationLinesPerActivity.ToString(CultureInfo.InvariantCulture),
            ["EntityActors__Operations__MaxChildrenInFlight"] = "2",
            ["EntityActors__Carts__ExpireAfter"] = Scenarios.CartExpiry.ToString("c", CultureInfo.InvariantCulture),
            ["EntityActors__FaultInjection__TransientSignalFailures__place-hold@flaky-"] = "2",
        },
    });
    try
    {
        await environment.StartAsync();
    }
    catch
    {
        await environment.DisposeAsync();
        throw;
    }

    return new Recording(environment, build);
}

static async Task<string> DaprdVersionAsync(string daprd)
{
    using var process = Process.Start(new ProcessStartInfo(daprd, "--version") { RedirectStandardOutput = true })!;
    var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
    await process.WaitForExitAsync();
    return version;
}

static string SdkVersion() =>
    typeof(Dapr.Workflow.DaprWorkflowClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
    ?? "unknown";
