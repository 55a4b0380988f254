using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EntityActors.LocalRuntime;

// Measures a bulk restock through child workflows beside the same lines sent one by one over HTTP, on a local runtime
// started here: dotnet run -c Release --project tools/EntityActors.BulkMeasure -- [--items 1000] [--lines 10000] [--senders 8]
var items = Argument("--items", 1_000);
var lines = Argument("--lines", 10_000);
var senders = Argument("--senders", 8);

var binaries = await DaprBinaries.ResolveAsync();
await using var environment = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions { DaprBinDirectory = binaries.Directory, Log = _ => { } });
await environment.StartAsync();
using var http = environment.CreateAppClient();
http.Timeout = TimeSpan.FromSeconds(100);
Console.WriteLine($"runtime ready in {environment.StartupDuration.TotalSeconds:0.0} s; {lines} lines over {items} items; load {LoadAverage()}");

var ids = Enumerable.Range(0, items).Select(i => $"measure-{Guid.NewGuid():N}"[..24] + $"-{i}").ToList();
await ParallelAsync(ids, senders, async (id, _) => await SendAsync(id, 1, "seed"));
var expected = ids.ToDictionary(id => id, _ => (OnHand: 1, Sequence: 1L));
var plan = Enumerable.Range(1, lines).Select(n => (Line: n, Id: ids[n % items], Quantity: 1 + (n % 7))).ToList();

// 1. One bulk request: parent workflow, bounded children, batched activities.
var load = LoadAverage();
var clock = Stopwatch.StartNew();
using (var response = await http.PostAsJsonAsync("inventory-items/bulk/restock", plan.Select(line => new { id = line.Id, quantity = line.Quantity })))
{
    response.StatusCode.Should(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    var operationId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["operationId"]!.GetValue<string>();
    var accepted = clock.Elapsed;
    JsonObject status;
    do
    {
        await Task.Delay(100);
        status = (await http.GetFromJsonAsync<JsonObject>($"operations/{operationId}"))!;
    }
    while (status["status"]!.GetValue<string>() != "completed");

    Report("bulk (one request)", clock.Elapsed, load, $"accepted in {accepted.TotalMilliseconds:0} ms, done {status["done"]}, failed {status["failed"]}");
}

Apply(plan);
await VerifyAsync();

// 2. The same lines one by one over HTTP: one sender, then several; each acknowledged (202), then all awaited applied.
foreach (var parallel in new[] { 1, senders })
{
    load = LoadAverage();
    clock.Restart();
    var round = $"http-{parallel}";
    await ParallelAsync(plan, parallel, async (line, _) => await SendAsync(line.Id, line.Quantity, $"{round}-{line.Line}"));
    var acknowledged = clock.Elapsed;
    Apply(plan);
    await VerifyAsync();
    Report($"one by one over HTTP, {parallel} sender(s)", clock.Elapsed, load, $"all acknowledged after {acknowledged.TotalSeconds:0.0} s");
}

return 0;

void Apply(IEnumerable<(int Line, string Id, int Quantity)> applied)
{
    foreach (var line in applied)
    {
        var (onHand, sequence) = expected[line.Id];
        expected[line.Id] = (onHand + line.Quantity, sequence + 1);
    }
}

// Waits (up to a few minutes: a straggler may wait for its entity's redelivery reminder) until every item shows exactly
// the expected sequence and stock.
async Task VerifyAsync() =>
    await ParallelAsync(ids, senders, async (id, cancellationToken) =>
    {
        var (onHand, sequence) = expected[id];
        for (var attempt = 1; ; attempt++)
        {
            var item = (await http.GetFromJsonAsync<JsonObject>($"inventory-items/{id}?minSequence={sequence}&wait=30", cancellationToken))!;
            var (actual, reached) = (item["state"]!["onHand"]!.GetValue<int>(), item["sequence"]!.GetValue<long>());
            if (reached < sequence && attempt < 6)
            {
                Console.WriteLine($"  {id} at sequence {reached} of {sequence} after {attempt * 30} s; waiting on");
                continue;
            }

            if (actual != onHand || reached != sequence)
            {
                throw new InvalidOperationException($"{id}: on hand {actual} at sequence {reached}, expected {onHand} at {sequence}.");
            }

            return;
        }
    });

async Task SendAsync(string id, int quantity, string key)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"inventory-items/{id}/signals/restock") { Content = JsonContent.Create(new { quantity }) };
    request.Headers.Add("Idempotency-Key", key);
    using var response = await http.SendAsync(request);
    response.StatusCode.Should(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
}

void Report(string what, TimeSpan elapsed, string loadBefore, string detail) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-36} {lines} lines in {elapsed.TotalSeconds,6:0.0} s = {lines / elapsed.TotalSeconds,6:0} signals/s applied ({detail}); load {loadBefore} -> {LoadAverage()}"));

static Task ParallelAsync<T>(IEnumerable<T> source, int degree, Func<T, CancellationToken, ValueTask> body) =>
    Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

internal static class ResponseChecks
{
    public static void Should(this HttpStatusCode actual, HttpStatusCode expected, string body)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Expected {(int)expected}, got {(int)actual}: {body}");
        }
    }
}
