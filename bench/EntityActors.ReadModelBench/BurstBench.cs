using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntityActors.LocalRuntime;

namespace EntityActors.ReadModelBench;

/// <summary>
/// Read-model lag under a burst, on the real runtime with the embedded defaults: signals spread over entities by 8
/// senders as fast as they are acknowledged, and a reader listing the kind every 10 ms; a signal's lag is from its
/// acknowledgement to the first list that shows its entity at (or past) its sequence.
/// </summary>
public static class BurstBench
{
    private const int Senders = 8;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(int signals, int entities, TextWriter output, CancellationToken cancellationToken)
    {
        var binaries = await DaprBinaries.ResolveAsync(cancellationToken: cancellationToken);
        await using var environment = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions { DaprBinDirectory = binaries.Directory });
        await environment.StartAsync(cancellationToken);
        using var http = environment.CreateAppClient();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, entities).Select(i => $"burst-{i}-{Guid.NewGuid():N}"[..40]).ToList();
        foreach (var id in ids)
        {
            using var opened = await PostAsync(http, id, "open", """{"owner":"Burst","currency":"EUR"}""", wait: true, cancellationToken);
        }

        var acknowledged = new ConcurrentBag<(string Id, long Sequence, long At)>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var sending = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < signals)
            {
                var id = ids[n % ids.Count];
                using var response = await PostAsync(http, id, "deposit", """{"amount":{"amount":1,"currency":"EUR"}}""", wait: false, cancellationToken);
                var receipt = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                acknowledged.Add((id, receipt!["sequence"]!.GetValue<long>(), Stopwatch.GetTimestamp()));
            }
        }, cancellationToken)).ToList();

        var seen = new Dictionary<string, (long Sequence, long At)>();
        var lags = new List<double>();
        var behindApplied = new List<double>();
        var visible = new HashSet<(string, long)>();
        var deadline = TimeSpan.FromSeconds(120);
        long caughtUpAt = 0;
        while (clock.Elapsed < deadline)
        {
            var page = await http.GetFromJsonAsync<JsonObject>($"accounts?changedAfter={since}&limit=200", cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var wallNow = DateTimeOffset.UtcNow;
            foreach (var item in page!["items"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                var sequence = item["sequence"]!.GetValue<long>();
                if (!seen.TryGetValue(id, out var known) || known.Sequence < sequence)
                {
                    seen[id] = (sequence, now);
                    // Every deposit is accepted, so the row's change time is when its newest signal was applied.
                    behindApplied.Add(Math.Max(0, (wallNow - item["lastChangedAt"]!.GetValue<DateTimeOffset>()).TotalMilliseconds));
                }
            }

            foreach (var (id, sequence, at) in acknowledged)
            {
                if (!visible.Contains((id, sequence)) && seen.TryGetValue(id, out var row) && row.Sequence >= sequence)
                {
                    visible.Add((id, sequence));
                    lags.Add(Math.Max(0, Stopwatch.GetElapsedTime(at, row.At).TotalMilliseconds));
                }
            }

            if (sending.All(task => task.IsCompleted) && visible.Count == signals)
            {
                caughtUpAt = now;
                break;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        await Task.WhenAll(sending);
        var lastAck = acknowledged.Max(a => a.At);
        output.WriteLine($"burst: {signals:N0} signals over {entities} accounts, {Senders} senders, acknowledged in {Stopwatch.GetElapsedTime(acknowledged.Min(a => a.At), lastAck).TotalSeconds:0.00} s");
        output.WriteLine($"burst: acknowledged -> listed {Percentiles.Of(lags)}; {visible.Count} of {signals} seen");
        output.WriteLine($"burst: applied -> listed (each new row version as first seen) {Percentiles.Of(behindApplied)}");
        output.WriteLine(caughtUpAt == 0
            ? "burst: the read model did not catch up within the deadline"
            : $"burst: read model caught up {Stopwatch.GetElapsedTime(lastAck, caughtUpAt).TotalMilliseconds:0} ms after the last acknowledgement (poll every {PollEvery.TotalMilliseconds:0} ms); load average {LoadAverage.Read()}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string id, string signal, string body, bool wait, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"accounts/{id}/signals/{signal}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (wait)
        {
            request.Headers.Add("Prefer", "wait=10");
        }

        var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
