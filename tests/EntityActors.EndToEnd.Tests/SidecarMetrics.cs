using System.Globalization;

namespace EntityActors.EndToEnd.Tests;

/// <summary>Reads counters off the sidecar's Prometheus endpoint, e.g. how many calls it routed to an actor type.</summary>
public static class SidecarMetrics
{
    /// <summary>
    /// The sum of every series of <paramref name="metric"/> whose labels contain all of <paramref name="labelParts"/>
    /// (0 when none exists yet).
    /// </summary>
    public static async Task<double> SumAsync(Uri metricsAddress, string metric, params string[] labelParts)
    {
        using var http = new HttpClient { BaseAddress = metricsAddress };
        var text = await http.GetStringAsync("metrics");
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) || !labelParts.All(part => line.Contains(part, StringComparison.Ordinal)))
            {
                continue;
            }

            sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
