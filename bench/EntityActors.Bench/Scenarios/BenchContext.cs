using System.Globalization;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Restate;

namespace EntityActors.Bench.Scenarios;

/// <summary>
/// What every scenario uses: the systems, the options, the progress log and ids unique to this run. The three-sided run
/// has all of <see cref="BenchRuntime"/>; the multi-replica run (<c>--replicas</c>) has product clients of its own, the
/// baseline and no Restate.
/// </summary>
public sealed class BenchContext
{
    // Short: product ids are at most 64 characters and become actor ids, instance ids and state keys.
    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private readonly BenchRuntime? runtime;
    private readonly RestateClient? restate;
    private readonly Func<string, SideProcesses> processesOf;

    public BenchContext(BenchRuntime runtime, BenchOptions options, BenchLog log)
        : this(options, log, runtime.ProductClient, runtime.ProductWorkflows, runtime.BaselineClient, side => SideCpu.Processes(runtime, side))
    {
        this.runtime = runtime;
        restate = runtime.RestateClient;
    }

    /// <param name="processesOf">The processes whose CPU is a side's, by side name.</param>
    public BenchContext(
        BenchOptions options, BenchLog log, ProductClient product, ProductWorkflows productWorkflows, BaselineClient baseline, Func<string, SideProcesses> processesOf)
    {
        Options = options;
        Log = log;
        Product = product;
        ProductWorkflows = productWorkflows;
        Baseline = baseline;
        this.processesOf = processesOf;
    }

    /// <summary>The three systems of the default run.</summary>
    public BenchRuntime Runtime => runtime ?? throw new InvalidOperationException("Only the three-sided run has a BenchRuntime.");

    public BenchOptions Options { get; }

    public BenchLog Log { get; }

    /// <summary>The product's client (in the multi-replica run, the one-replica side's; rounds take the other's as an argument).</summary>
    public ProductClient Product { get; }

    /// <summary>The entity workflows of <see cref="Product"/>'s side, read through its sidecar.</summary>
    public ProductWorkflows ProductWorkflows { get; }

    public BaselineClient Baseline { get; }

    public RestateClient Restate => restate ?? throw new InvalidOperationException("Restate is not part of the multi-replica run.");

    /// <summary>The pause before a count is read again to prove it stopped where it should (no late duplicates).</summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Starts measuring the CPU used by one side's processes; see <see cref="SideCpu"/>.</summary>
    public SideCpu MeasureCpu(ScenarioRecorder recorder, string side, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return new SideCpu(Log, recorder, side, label, processesOf(side));
    }

    public string ProductId(string name) => $"b{run}-{name}";

    public string BaselineId(string name) => $"baseline-{run}-{name}";

    public string RestateId(string name) => $"r{run}-{name}";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>CPU seconds per 1,000 signals; null when not measured.</summary>
    public static double? PerThousand(double? seconds, long signals) => seconds is { } s && signals > 0 ? s / signals * 1000 : null;
}
