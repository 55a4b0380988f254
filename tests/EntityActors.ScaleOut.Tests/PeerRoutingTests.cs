using EntityActors.LocalRuntime;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>
/// A replica that does not host an entity's writer hands it the signals app to app once the sidecar route named the
/// writer's replica; an entity's workflow actor lives where its writer does.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PeerRoutingTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private const int Entities = 12;
    private const int SignalsPerEntity = 6;

    [Fact]
    public async Task Signals_sent_through_replicas_that_do_not_host_the_writer_reach_it_app_to_app_and_apply_exactly_once()
    {
        try
        {
            var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
            var before = await WriterCallsAsync(clients);
            var ids = Enumerable.Range(0, Entities).Select(_ => ScaleOutFixture.UniqueId("peer")).ToArray();

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, token) =>
            {
                // Each replica in turn: two signals through each, the second answered with its outcome.
                for (var s = 0; s < SignalsPerEntity; s++)
                {
                    var attempt = await SignalClient.SendAsync(clients[s % 3], s % 3, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-{s}",
                        waitSeconds: s % 2 == 1 ? 20 : null, cancellationToken: token);
                    attempt.Kind.Should().Be(AnswerKind.Acknowledged, attempt.ToString());
                }

                // A retry through another replica with a key already used: the same receipt, nothing stored again.
                var retried = await SignalClient.SendAsync(clients[1], 1, "inventory-items", id, "restock", """{"quantity":1}""", $"{id}-0", waitSeconds: 20, cancellationToken: token);
                retried.Kind.Should().Be(AnswerKind.Acknowledged, retried.ToString());
            });

            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var item = await EntityReads.GetAsync(clients[i % 3], "inventory-items", id, minSequence: SignalsPerEntity, waitSeconds: 20);
                item["sequence"]!.GetValue<long>().Should().Be(SignalsPerEntity, $"{id}: six keys, one of them sent twice");
                item["state"]!["onHand"]!.GetValue<int>().Should().Be(SignalsPerEntity, id);
            }

            var after = await WriterCallsAsync(clients);
            var delta = after.ToDictionary(route => route.Key, route => route.Value - before.GetValueOrDefault(route.Key));
            output.WriteLine("writer calls by route: " + string.Join(", ", delta.Select(route => $"{route.Key} {route.Value}")));
            // Per entity, two replicas do not host its writer; each sends it three signals, the first through the sidecars.
            delta.GetValueOrDefault("peer").Should().BeGreaterThanOrEqualTo(Entities, "a replica that learned where the writer is hands it the next batch directly");
            delta.GetValueOrDefault("peer-taken").Should().Be(delta.GetValueOrDefault("peer"), "every direct hand-off was taken by the writer's own activation");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task An_entity_workflow_actor_is_active_in_the_replica_of_its_writer()
    {
        var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
        var writersBefore = await fixture.ActiveActorsAsync("AccountActor");
        var workflowsBefore = await fixture.ActiveActorsAsync(WorkflowActorType);
        var ids = Enumerable.Range(0, 30).Select(_ => ScaleOutFixture.UniqueId("colocated")).ToArray();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, token) =>
        {
            var opened = await SignalClient.SendAsync(clients[0], 0, "accounts", id, "open", """{"owner":"peer-test","currency":"EUR"}""", $"{id}-open", waitSeconds: 20, cancellationToken: token);
            opened.Kind.Should().Be(AnswerKind.Acknowledged, opened.ToString());
            (await EntityReads.GetAsync(clients[1], "accounts", id, minSequence: 1, waitSeconds: 20))["sequence"]!.GetValue<long>().Should().Be(1);
        });

        var writers = Subtract(await fixture.ActiveActorsAsync("AccountActor"), writersBefore);
        var workflows = Subtract(await fixture.ActiveActorsAsync(WorkflowActorType), workflowsBefore);
        output.WriteLine($"new account writers per replica: {string.Join(", ", writers)}; new workflow actors: {string.Join(", ", workflows)}");
        writers.Sum().Should().Be(ids.Length);
        workflows.Should().Equal(writers, "placement hashes an actor by its id, and a writer's id is its workflow's instance id");
    }

    [Fact]
    public async Task An_answer_names_the_replica_of_the_writer_and_signals_sent_there_are_taken_in_process()
    {
        var clients = fixture.Replicas.Select(replica => replica.CreateAppClient()).ToArray();
        var id = ScaleOutFixture.UniqueId("affine");

        var first = await SendAsync(clients[0], id, 0);
        var named = fixture.Replicas.Select((replica, index) => (replica, index)).Where(r => r.replica.AppBaseAddress == first).ToList();
        named.Should().ContainSingle($"the Entity-Writer header names one replica's own address, got {first}");
        var writer = clients[named[0].index];
        var before = await WriterCallsAsync([writer]);

        for (var s = 1; s <= 4; s++)
        {
            (await SendAsync(writer, id, s)).Should().Be(first, "the writer stays where it is");
        }

        (await EntityReads.GetAsync(writer, "inventory-items", id, minSequence: 5, waitSeconds: 20))["state"]!["onHand"]!.GetValue<int>().Should().Be(5);
        // The Prometheus exporter answers a scrape from its cache for 300 ms.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var after = await WriterCallsAsync([writer]);
        var delta = after.ToDictionary(route => route.Key, route => route.Value - before.GetValueOrDefault(route.Key));
        output.WriteLine("writer calls by route on the writer's replica: " + string.Join(", ", delta.Select(route => $"{route.Key} {route.Value}")));
        delta.GetValueOrDefault("in-process").Should().Be(4, "a signal sent to its writer's replica goes to the activation in process");
        delta.GetValueOrDefault("peer").Should().Be(0);
    }

    private static async Task<Uri?> SendAsync(HttpClient client, string id, int s)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"inventory-items/{id}/signals/restock")
        {
            Content = new StringContent("""{"quantity":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"{id}-{s}");
        using var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return response.Headers.TryGetValues("Entity-Writer", out var values) ? new Uri(values.Single()) : null;
    }

    // The sidecar's metadata reports the workflow engine's actor type as dapr.internal.<namespace>.<app id>.workflow.
    private const string WorkflowActorType = "dapr.internal.default.entityactors.workflow";

    private static int[] Subtract(int[] after, int[] before) => [.. after.Zip(before, (a, b) => a - b)];

    private static async Task<Dictionary<string, long>> WriterCallsAsync(IEnumerable<HttpClient> replicas)
    {
        var byRoute = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var replica in replicas)
        {
            var scrape = PrometheusScrape.Parse(await replica.GetStringAsync("metrics"));
            foreach (var series in scrape.Of("entityactors_intake_writer_calls_total", series => series.Label("route") is not null))
            {
                byRoute[series.Label("route")!] = byRoute.GetValueOrDefault(series.Label("route")!) + (long)series.Value;
            }
        }

        return byRoute;
    }
}
