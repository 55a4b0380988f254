using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// CPU used by one side's processes while it is measured; disposing records it in the scenario's figures and the
/// progress. <see cref="SideSeconds"/> adds up the processes that are the side itself: the product's app, daprd,
/// scheduler and placement; the bare baseline's daprd, scheduler and placement plus the bench process, which hosts its
/// workflow worker (and also its client: an upper bound); Restate's server and node service. The product's and
/// Restate's clients in the bench process are not theirs. With several replicas, every app and daprd, and the store's
/// servers (PostgreSQL with its backends, Redis) count too.
/// </summary>
public sealed class SideCpu : IDisposable
{
    /// <summary>The bench process: the baseline's worker and client, every side's client.</summary>
    public const string Bench = "benchSeconds";

    private readonly BenchLog log;
    private readonly ScenarioRecorder recorder;
    private readonly string side;
    private readonly string prefix;
    private readonly CpuWindow window;
    private bool disposed;

    internal SideCpu(BenchLog log, ScenarioRecorder recorder, string side, string? label, SideProcesses processes)
    {
        this.log = log;
        this.recorder = recorder;
        this.side = side;
        prefix = label is null ? "cpu." : $"cpu.{label}.";
        window = new CpuWindow(processes.Ids, processes.Trees);
    }

    /// <summary>CPU seconds of the side's own processes over the measured window; null until disposed.</summary>
    public double? SideSeconds { get; private set; }

    /// <summary>Context switches of the same processes over the window (see <see cref="ContextSwitchCounts"/>); null until disposed.</summary>
    public double? SideSwitches { get; private set; }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        var used = window.Stop();
        foreach (var (name, value) in used)
        {
            recorder.Figure(side, prefix + name, value);
        }

        SideSeconds = used.Where(pair => pair.Key.EndsWith("Seconds", StringComparison.Ordinal) && pair.Key != "otherSeconds"
            && IsSides(pair.Key)).Sum(pair => pair.Value);
        recorder.Figure(side, prefix + "sideSeconds", SideSeconds.Value);
        foreach (var (name, switches) in window.Switches)
        {
            recorder.Figure(side, $"{prefix}switches.{name.Replace("Seconds", string.Empty, StringComparison.Ordinal)}", switches);
        }

        SideSwitches = window.Switches.Where(pair => IsSides(pair.Key)).Sum(pair => pair.Value);
        recorder.Figure(side, prefix + "sideSwitches", SideSwitches.Value);
        log.Line($"  {side,-8} CPU: {CpuWindow.Describe(used)}");
    }

    private bool IsSides(string process) => process != Bench || side == BenchSide.Baseline;

    internal static SideProcesses Processes(BenchRuntime runtime, string side) => new(side switch
    {
        BenchSide.Product => new()
        {
            ["appSeconds"] = runtime.Product.AppProcessId,
            ["daprdSeconds"] = runtime.Product.SidecarProcessId,
            ["schedulerSeconds"] = runtime.Product.SchedulerProcessId,
            ["placementSeconds"] = runtime.Product.PlacementProcessId,
            [Bench] = Environment.ProcessId,
        },
        BenchSide.Baseline => new()
        {
            ["daprdSeconds"] = runtime.Baseline.SidecarProcessId,
            ["schedulerSeconds"] = runtime.Baseline.SchedulerProcessId,
            ["placementSeconds"] = runtime.Baseline.PlacementProcessId,
            [Bench] = Environment.ProcessId,
        },
        _ => new()
        {
            ["restateServerSeconds"] = runtime.Restate.ServerProcessId,
            ["restateServiceSeconds"] = runtime.Restate.ServiceProcessId,
            [Bench] = Environment.ProcessId,
        },
    });
}
