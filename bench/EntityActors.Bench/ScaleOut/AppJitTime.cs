using EntityActors.LocalRuntime;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// The product apps' own account of their JIT: the runtime's <c>dotnet_jit_compilation_time_seconds_total</c> on each
/// app's <c>/metrics</c>. How the multi-replica warm-up tells that no app is still compiling before a side is measured.
/// </summary>
public sealed class AppJitTime(HttpClient http)
{
    public const string Metric = "dotnet_jit_compilation_time_seconds_total";

    /// <summary>The seconds every one of <paramref name="apps"/> has spent compiling since it started.</summary>
    public async Task<IReadOnlyList<double>> SecondsAsync(IEnumerable<Uri> apps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var seconds = new List<double>();
        foreach (var app in apps)
        {
            seconds.Add(Of(await PrometheusScrape.ReadAsync(http, app, cancellationToken)));
        }

        return seconds;
    }

    /// <summary>The metric's value in a Prometheus text scrape (summed over its series, if it has labels).</summary>
    /// <exception cref="InvalidOperationException">The scrape has no such metric: the app serves no runtime metrics.</exception>
    public static double Parse(string scrape) => Of(PrometheusScrape.Parse(scrape));

    private static double Of(PrometheusScrape scrape)
    {
        var series = scrape.Of(Metric).ToList();
        return series.Count > 0 ? series.Sum(s => s.Value) : throw new InvalidOperationException($"The app's /metrics has no {Metric}.");
    }
}
