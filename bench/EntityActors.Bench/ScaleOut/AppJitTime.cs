using System.Globalization;

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
            seconds.Add(Parse(await http.GetStringAsync(new Uri(app, "metrics"), cancellationToken)));
        }

        return seconds;
    }

    /// <summary>The metric's value in a Prometheus text scrape (summed over its series, if it has labels).</summary>
    /// <exception cref="InvalidOperationException">The scrape has no such metric: the app serves no runtime metrics.</exception>
    public static double Parse(string scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var values = scrape.Split('\n')
            .Where(line => line.StartsWith(Metric, StringComparison.Ordinal) && (line.Length == Metric.Length || line[Metric.Length] is ' ' or '{'))
            .Select(line => double.Parse(Value(line[Metric.Length..]), CultureInfo.InvariantCulture))
            .ToList();
        return values.Count > 0 ? values.Sum() : throw new InvalidOperationException($"The app's /metrics has no {Metric}.");
    }

    /// <summary>What follows a series' name: optional labels, the value, an optional timestamp.</summary>
    private static string Value(string rest)
    {
        var afterLabels = rest.StartsWith('{') ? rest[(rest.IndexOf('}', StringComparison.Ordinal) + 1)..] : rest;
        return afterLabels.Trim().Split(' ')[0];
    }
}
