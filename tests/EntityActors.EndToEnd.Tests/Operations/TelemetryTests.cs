using System.Net;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// Traces and logs of one signal, read from the files the app exports them to. The path of a signal: HTTP request
/// → gateway delivery → actor call through the sidecar → the single writer's turn (which stores and decides the signal
/// and hands it to the relay) → the relay publishing what it did (the workflow opens no spans: it is replayed).
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class TelemetryTests(SecuredAppFixture fixture, ITestOutputHelper output)
{
    private const string EntityIdTag = "entityactors.entity.id";
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task One_signal_has_its_http_span_actor_turn_span_and_publish_span_in_one_trace()
    {
        var id = DaprAppFixture.UniqueId("traced");
        try
        {
            using var api = fixture.CreateApiClient();

            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Trace","currency":"EUR"}""");

            var spans = await WaitForSpansAsync(all => all.Any(span => span.Name == "publish accounts" && span.Tag(EntityIdTag) == id));
            var http = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/open");
            var trace = spans.Where(span => span.TraceId == http.TraceId).ToList();
            Describe(trace);
            var callback = trace.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/actors/AccountActor/accounts-{id}/method/SubmitAsync");
            var turn = trace.Single(span => span.Name == "submit accounts");
            var published = trace.Single(span => span.Name == "publish accounts");

            http.ParentSpanId.Should().BeNull("the request came from outside");
            callback.Tag("user_agent.original").Should().StartWith("Go-http-client", "the sidecar made this call, continuing the request's trace");
            turn.ParentSpanId.Should().Be(callback.SpanId);
            turn.Tag("entityactors.signal.ids").Should().Be($"accounts-{id}:1");
            published.ParentSpanId.Should().Be(turn.SpanId, "the envelope carried the turn's context to the relay");
            published.Tag("entityactors.signal.ids").Should().Be($"accounts-{id}:1");
            published.Status.Should().Be("Unset");
            trace.Should().NotContain(span => span.Source == "Dapr.Workflow" && span.Name.StartsWith("WorkflowActivity", StringComparison.Ordinal),
                "what a signal did leaves through the relay, not through an activity");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task A_later_signal_is_published_in_its_own_trace_not_in_the_one_that_created_the_workflow()
    {
        var id = DaprAppFixture.UniqueId("traced-later");
        try
        {
            using var api = fixture.CreateApiClient();
            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Trace","currency":"EUR"}""");
            // Published before the next signal is sent: sent at once, both may leave in one publish (a lane publishes
            // what gathered while its previous publish was in flight), which belongs to no single signal's trace.
            await WaitForSpansAsync(all => all.Any(span => span.Name == "publish accounts" && span.Tag(EntityIdTag) == id));

            await Signals.ApplyAsync(api, "accounts", id, "deposit", """{"amount":{"amount":5,"currency":"EUR"}}""");

            var spans = await WaitForSpansAsync(all => all.Count(span => span.Name == "publish accounts" && span.Tag(EntityIdTag) == id) == 2);
            var opened = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/open");
            var deposited = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/deposit");
            var published = spans.Single(span => span.Name == "publish accounts" && span.Tag("entityactors.signal.ids") == $"accounts-{id}:2");
            Describe(spans.Where(span => span.TraceId == deposited.TraceId || span.TraceId == opened.TraceId));

            deposited.TraceId.Should().NotBe(opened.TraceId);
            published.TraceId.Should().Be(deposited.TraceId, "the relay works for every signal in the signal's own trace, not in the one that started its lane");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task Log_records_of_a_signal_carry_the_entity_id_the_signal_id_and_the_trace()
    {
        var id = DaprAppFixture.UniqueId("logged");
        try
        {
            using var api = fixture.CreateApiClient();

            await Signals.ApplyAsync(api, "inventory-items", id, "restock", """{"quantity":3}""");

            var http = (await WaitForSpansAsync(all => all.Any(span => span.Name == "publish inventory-items" && span.Tag(EntityIdTag) == id)))
                .Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/inventory-items/{id}/signals/restock");
            var logs = await WaitForLogsAsync(all => all.Any(IsPublished));
            var accepted = logs.Single(log => log.Attribute("EntityId") == id && log.Message?.StartsWith("Accepted 1 signals", StringComparison.Ordinal) == true);
            var published = logs.Single(IsPublished);

            foreach (var log in new[] { accepted, published })
            {
                log.Attribute("EntityKind").Should().Be("inventory-items");
                log.Attribute("SignalId").Should().Be($"inventory-items-{id}:1");
                log.TraceId.Should().Be(http.TraceId);
            }

            published.Category.Should().Be("EntityActors.App.Engine.Relay.DomainEventPublisher");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }

        bool IsPublished(LogLine log) => log.Attribute("EntityId") == id && log.Message?.StartsWith("Published what 1 signals did", StringComparison.Ordinal) == true;
    }

    private void Describe(IEnumerable<SpanLine> spans)
    {
        foreach (var span in spans.OrderBy(span => span.StartTime))
        {
            output.WriteLine(span.ToString());
        }
    }

    private Task<IReadOnlyList<SpanLine>> WaitForSpansAsync(Func<IReadOnlyList<SpanLine>, bool> complete) =>
        WaitForAsync(fixture.ReadSpans, complete);

    private Task<IReadOnlyList<LogLine>> WaitForLogsAsync(Func<IReadOnlyList<LogLine>, bool> complete) =>
        WaitForAsync(fixture.ReadLogs, complete);

    private static async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>> read, Func<IReadOnlyList<T>, bool> complete)
    {
        var deadline = DateTime.UtcNow + ExportWait;
        while (true)
        {
            var items = read();
            if (complete(items) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}
