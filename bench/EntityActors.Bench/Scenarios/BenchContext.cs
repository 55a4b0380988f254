using System.Globalization;
using EntityActors.Bench.Baseline;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Restate;

namespace EntityActors.Bench.Scenarios;

/// <summary>What every scenario uses: the three systems, the options, the progress log and ids unique to this run.</summary>
public sealed class BenchContext(BenchRuntime runtime, BenchOptions options, BenchLog log)
{
    // Short: product ids are at most 64 characters and become actor ids, instance ids and state keys.
    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    public BenchRuntime Runtime => runtime;

    public BenchOptions Options => options;

    public BenchLog Log => log;

    public ProductClient Product => runtime.ProductClient;

    public BaselineClient Baseline => runtime.BaselineClient;

    public RestateClient Restate => runtime.RestateClient;

    /// <summary>The pause before a count is read again to prove it stopped where it should (no late duplicates).</summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Starts measuring the CPU used by one side's processes; see <see cref="SideCpu"/>.</summary>
    public SideCpu MeasureCpu(ScenarioRecorder recorder, string side, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return new SideCpu(this, recorder, side, label);
    }

    public string ProductId(string name) => $"b{run}-{name}";

    public string BaselineId(string name) => $"baseline-{run}-{name}";

    public string RestateId(string name) => $"r{run}-{name}";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>CPU seconds per 1,000 signals; null when not measured.</summary>
    public static double? PerThousand(double? seconds, long signals) => seconds is { } s && signals > 0 ? s / signals * 1000 : null;
}
