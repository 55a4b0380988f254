using System.Globalization;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>What every scenario uses: both systems, the options, the progress log and ids unique to this run.</summary>
public sealed class BenchContext(BenchRuntime runtime, BenchOptions options, BenchLog log)
{
    // Short: product ids are at most 64 characters and become actor ids, instance ids and state keys.
    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    public BenchRuntime Runtime => runtime;

    public BenchOptions Options => options;

    public BenchLog Log => log;

    public ProductClient Product => runtime.ProductClient;

    public BaselineClient Baseline => runtime.BaselineClient;

    /// <summary>The pause before a count is read again to prove it stopped where it should (no late duplicates).</summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Starts measuring the CPU used by one side's processes (the bench process drives both sides and hosts the
    /// baseline's worker); <see cref="IDisposable.Dispose"/> records it in the scenario's figures and the progress.
    /// </summary>
    public IDisposable MeasureCpu(ScenarioRecorder recorder, string side, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var processes = side == BenchSide.Product
            ? new Dictionary<string, int?>
            {
                ["appSeconds"] = runtime.Product.AppProcessId,
                ["daprdSeconds"] = runtime.Product.SidecarProcessId,
                ["schedulerSeconds"] = runtime.Product.SchedulerProcessId,
                ["benchSeconds"] = Environment.ProcessId,
            }
            : new Dictionary<string, int?>
            {
                ["daprdSeconds"] = runtime.Baseline.SidecarProcessId,
                ["schedulerSeconds"] = runtime.Baseline.SchedulerProcessId,
                ["benchSeconds"] = Environment.ProcessId,
            };
        return new CpuMeasurement(this, recorder, side, label is null ? "cpu." : $"cpu.{label}.", new CpuWindow(processes));
    }

    public string ProductId(string name) => $"b{run}-{name}";

    public string BaselineId(string name) => $"baseline-{run}-{name}";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class CpuMeasurement(BenchContext context, ScenarioRecorder recorder, string side, string prefix, CpuWindow window) : IDisposable
    {
        public void Dispose()
        {
            var used = window.Stop();
            foreach (var (name, value) in used)
            {
                recorder.Figure(side, prefix + name, value);
            }

            context.Log.Line($"  {side,-8} CPU: {CpuWindow.Describe(used)}");
        }
    }
}
