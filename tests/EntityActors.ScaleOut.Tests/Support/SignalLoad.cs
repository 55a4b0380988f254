using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>
/// Clients that keep restocking a set of inventory items by one, each signal with its own key, spread round-robin over
/// the replicas: a signal without an acknowledgement (or without an answer within a few seconds) is sent again with the
/// same key to the next replica until one acknowledges it, as a client following the API's advice would. Each entity has
/// its own client with one signal in flight at a time, so its acknowledgements are in order, its stock counts them, and
/// one entity's slow answer does not hold another's back.
/// </summary>
public sealed class SignalLoad : IAsyncDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Bound on creating the load's entities, so a replica that never answers fails the test rather than hangs it.</summary>
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long all workflows together may take to apply what their writers acknowledged, once the load stops.</summary>
    private static readonly TimeSpan WorkflowCatchUp = TimeSpan.FromSeconds(60);

    private readonly ScaleOutFixture fixture;
    private readonly IReadOnlyList<string> entities;
    private readonly HttpClient[] clients;
    private readonly ConcurrentQueue<Attempt> attempts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> acknowledgements = new();
    private readonly ConcurrentDictionary<string, int> unacknowledged = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource abandon = new();
    private readonly TimeSpan pause;
    private Task[] senders = [];
    private int replicaCursor;

    private SignalLoad(ScaleOutFixture fixture, IReadOnlyList<string> entities, TimeSpan pause)
    {
        this.fixture = fixture;
        this.entities = entities;
        this.pause = pause;
        clients = fixture.Replicas.Select(replica => new HttpClient { BaseAddress = replica.AppBaseAddress, Timeout = Timeout.InfiniteTimeSpan }).ToArray();
        foreach (var entity in entities)
        {
            acknowledgements[entity] = new ConcurrentQueue<DateTime>();
        }
    }

    public IReadOnlyCollection<Attempt> Attempts => attempts;

    /// <summary>Creates <paramref name="count"/> items (one acknowledged and applied restock each) and starts a client for each.</summary>
    public static async Task<SignalLoad> StartAsync(ScaleOutFixture fixture, string prefix, int count, TimeSpan? pause = null)
    {
        var entities = Enumerable.Range(0, count).Select(_ => ScaleOutFixture.UniqueId(prefix)).ToList();
        var load = new SignalLoad(fixture, entities, pause ?? TimeSpan.FromMilliseconds(100));
        using var creating = new CancellationTokenSource(CreateTimeout);
        await Parallel.ForEachAsync(entities.Select((entity, index) => (entity, index)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var attempt = await load.SendUntilAcknowledgedAsync(item.entity, $"{item.entity}-0", item.index, waitSeconds: 20, creating.Token);
            attempt.Kind.Should().Be(AnswerKind.Acknowledged, $"creating {item.entity}: {attempt}");
        });
        load.senders = entities.Select(entity => Task.Run(() => load.SendLoopAsync(entity))).ToArray();
        return load;
    }

    /// <summary>Stops sending new signals and waits until every signal sent so far is acknowledged (bounded).</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        abandon.CancelAfter(DrainTimeout);
        await Task.WhenAll(senders);
    }

    /// <summary>
    /// The longest time any entity went without an acknowledgement, from <paramref name="from"/> to
    /// <paramref name="until"/>: what its clients saw of an outage.
    /// </summary>
    public (string Entity, TimeSpan Silence) LongestSilence(DateTime from, DateTime until) =>
        Silences(from, until).MaxBy(entry => entry.Silence);

    /// <summary>The median and the longest of the entities' longest silences from <paramref name="from"/> to <paramref name="until"/>.</summary>
    public string SilenceSummary(DateTime from, DateTime until)
    {
        var silences = Silences(from, until).Select(entry => entry.Silence.TotalSeconds).Order().ToList();
        return $"p50 {silences[silences.Count / 2]:0.00} s, max {silences[^1]:0.00} s over {silences.Count} entities";
    }

    /// <summary>The median of the entities' longest silences from <paramref name="from"/> to <paramref name="until"/>.</summary>
    public TimeSpan MedianSilence(DateTime from, DateTime until) =>
        Silences(from, until).Select(entry => entry.Silence).Order().ElementAt(entities.Count / 2);

    private IEnumerable<(string Entity, TimeSpan Silence)> Silences(DateTime from, DateTime until) =>
        entities.Select(entity =>
        {
            var times = acknowledgements[entity].Where(at => at >= from && at <= until).Order().Prepend(from).Append(until).ToList();
            return (entity, times.Zip(times.Skip(1), (a, b) => b - a).Max());
        });

    /// <summary>
    /// Every acknowledged signal applied exactly once, as any replica answers (each item's sequence and stock equal its
    /// acknowledged signals) and in the entity's workflow, the durable holder, which must catch up with all of them.
    /// </summary>
    public async Task ExpectEachAcknowledgedSignalAppliedOnceAsync()
    {
        unacknowledged.Should().BeEmpty("every signal was sent again until acknowledged");
        var replica = fixture.Replicas[Random.Shared.Next(fixture.Replicas.Count)];
        using var reader = new HttpClient { BaseAddress = replica.AppBaseAddress, Timeout = TimeSpan.FromSeconds(70) };
        using var sidecar = replica.CreateDaprClient();
        var workflowDeadline = DateTime.UtcNow + WorkflowCatchUp;
        foreach (var entity in entities)
        {
            var expected = acknowledgements[entity].Count;
            using var response = await reader.GetAsync($"inventory-items/{entity}?minSequence={expected.ToString(CultureInfo.InvariantCulture)}&wait=60");
            var text = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.Should().BeTrue($"{entity}: {text}");
            var item = JsonNode.Parse(text)!;
            item["sequence"]!.GetValue<long>().Should().Be(expected, $"{entity} had {expected} acknowledged signals, each applied once");
            item["state"]!["onHand"]!.GetValue<int>().Should().Be(expected, $"{entity}: one unit per acknowledged restock");

            var remaining = workflowDeadline - DateTime.UtcNow;
            var workflow = await WorkflowReads.WaitForSequenceAsync(sidecar, "inventory-items", entity, expected, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            workflow.Should().NotBeNull($"{entity}'s workflow has a status");
            workflow!["sequence"]!.GetValue<long>().Should().Be(expected, $"{entity}'s workflow applies all {expected} acknowledged signals within {WorkflowCatchUp.TotalSeconds:0} s: {workflow.ToJsonString()}");
            workflow["state"]!["onHand"]!.GetValue<int>().Should().Be(expected, $"{entity}'s workflow applies each once");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
            await abandon.CancelAsync();
            await Task.WhenAll(senders.Select(sender => sender.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        stopping.Dispose();
        abandon.Dispose();
    }

    private async Task SendLoopAsync(string entity)
    {
        for (var n = 1; !stopping.IsCancellationRequested; n++)
        {
            await SendUntilAcknowledgedAsync(entity, $"{entity}-{n.ToString(CultureInfo.InvariantCulture)}", replicaHint: null, waitSeconds: null, abandon.Token);
            await Task.Delay(pause);
        }
    }

    private async Task<Attempt> SendUntilAcknowledgedAsync(string entity, string key, int? replicaHint, int? waitSeconds, CancellationToken cancellationToken)
    {
        unacknowledged[key] = 0;
        var replica = replicaHint ?? Interlocked.Increment(ref replicaCursor);
        while (true)
        {
            var index = (int)((uint)replica % (uint)clients.Length);
            Attempt attempt;
            try
            {
                attempt = await SignalClient.SendAsync(clients[index], index, "inventory-items", entity, "restock", """{"quantity":1}""", key, waitSeconds, AttemptTimeout, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                fixture.Log($"gave up on {key}: not acknowledged within the drain bound");
                return new Attempt(DateTime.UtcNow, TimeSpan.Zero, index, entity, key, AnswerKind.TimedOut, "abandoned");
            }

            attempts.Enqueue(attempt);
            if (attempt.Took > Slow)
            {
                fixture.Log("slow: " + attempt);
            }

            if (attempt.Kind == AnswerKind.Acknowledged)
            {
                unacknowledged.TryRemove(key, out _);
                acknowledgements[entity].Enqueue(attempt.At + attempt.Took);
                return attempt;
            }

            fixture.Log(attempt.ToString());
            replica++;
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
