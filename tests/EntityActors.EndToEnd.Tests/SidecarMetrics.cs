using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests;

/// <summary>Reads counters off the sidecar's Prometheus endpoint, e.g. how many calls it routed to an actor type.</summary>
public static class SidecarMetrics
{
    /// <summary>The sum of every series of <paramref name="metric"/> that <paramref name="where"/> holds for (0 when none exists yet).</summary>
    public static async Task<double> SumAsync(Uri metricsAddress, string metric, Func<PrometheusSeries, bool> where)
    {
        using var http = new HttpClient();
        return (await PrometheusScrape.ReadAsync(http, metricsAddress)).Sum(metric, where);
    }
}
