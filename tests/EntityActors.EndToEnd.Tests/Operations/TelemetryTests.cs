using System.Net;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// Traces and logs of one signal, read from the files the app exports them to. The path of a signal: HTTP request
/// → gateway delivery → actor call through the sidecar → actor turn (which raises the signal to the workflow) →
/// workflow (no spans: it is replayed; the signal carries its trace context) → activity recording the outcome.
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class TelemetryTests(SecuredAppFixture fixture, ITestOutputHelper output)
{
    private const string EntityIdTag = "entityactors.entity.id";
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task One_signal_has_its_http_span_actor_turn_span_and_record_outcomes_span_in_one_trace()
    {
        var id = DaprAppFixture.UniqueId("traced");
        try
        {
            using var api = fixture.CreateApiClient();

            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Trace","currency":"EUR"}""");

            // The SDK's span of the activity run ends (and is exported) after ours inside it: wait for both.
            var spans = await WaitForSpansAsync(all =>
                all.FirstOrDefault(span => span.Name == "record-outcomes accounts" && span.Tag(EntityIdTag) == id) is { } recordedSpan
                && all.Any(span => span.TraceId == recordedSpan.TraceId && span.Name == "WorkflowActivity RecordOutcomesActivity"));
            var http = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/open");
            var trace = spans.Where(span => span.TraceId == http.TraceId).ToList();
            Describe(trace);
            var callback = trace.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/actors/AccountActor/{id}/method/SubmitAsync");
            var turn = trace.Single(span => span.Name == "submit accounts");
            var recorded = trace.Single(span => span.Name == "record-outcomes accounts");

            http.ParentSpanId.Should().BeNull("the request came from outside");
            callback.Tag("user_agent.original").Should().StartWith("Go-http-client", "the sidecar made this call, continuing the request's trace");
            turn.ParentSpanId.Should().Be(callback.SpanId);
            turn.Tag("entityactors.signal.ids").Should().Be($"accounts-{id}:1");
            recorded.ParentSpanId.Should().Be(turn.SpanId, "the envelope carried the turn's context through the workflow to the activity");
            recorded.Tag("entityactors.signal.ids").Should().Be($"accounts-{id}:1");
            recorded.Status.Should().Be("Unset");
            // This signal created the workflow, so the workflow SDK's own span of the activity run is in its trace too.
            trace.Should().Contain(span => span.Source == "Dapr.Workflow" && span.Name == "WorkflowActivity RecordOutcomesActivity");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task A_later_signal_is_recorded_in_its_own_trace_not_in_the_one_that_created_the_workflow()
    {
        var id = DaprAppFixture.UniqueId("traced-later");
        try
        {
            using var api = fixture.CreateApiClient();
            await Signals.ApplyAsync(api, "accounts", id, "open", """{"owner":"Trace","currency":"EUR"}""");

            await Signals.ApplyAsync(api, "accounts", id, "deposit", """{"amount":{"amount":5,"currency":"EUR"}}""");

            // The SDK's span of the activity run ends (and is exported) after ours inside it: wait for it too.
            var spans = await WaitForSpansAsync(all =>
                all.Count(span => span.Name == "record-outcomes accounts" && span.Tag(EntityIdTag) == id) == 2
                && all.FirstOrDefault(span => span.Name == "record-outcomes accounts" && span.Tag("entityactors.signal.ids") == $"accounts-{id}:2") is { } second
                && second.Links.Any(link => all.Any(span => span.Source == "Dapr.Workflow" && span.SpanId == link.SpanId)));
            var opened = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/open");
            var deposited = spans.Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/accounts/{id}/signals/deposit");
            var recorded = spans.Single(span => span.Name == "record-outcomes accounts" && span.Tag("entityactors.signal.ids") == $"accounts-{id}:2");
            Describe(spans.Where(span => span.TraceId == deposited.TraceId || span.TraceId == opened.TraceId));

            deposited.TraceId.Should().NotBe(opened.TraceId);
            recorded.TraceId.Should().Be(deposited.TraceId);
            // The workflow SDK's own span for this activity run belongs to the trace that scheduled the workflow
            // (the first signal's); the app's span links to it.
            var sdkSpan = spans.Single(span => span.Source == "Dapr.Workflow" && span.SpanId == recorded.Links.Select(link => link.SpanId).SingleOrDefault());
            sdkSpan.TraceId.Should().Be(opened.TraceId);
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

            var http = (await WaitForSpansAsync(all => all.Any(span => span.Name == "record-outcomes inventory-items" && span.Tag(EntityIdTag) == id)))
                .Single(span => span.Kind == "Server" && span.Tag("url.path") == $"/inventory-items/{id}/signals/restock");
            var logs = await WaitForLogsAsync(all => all.Any(IsRecorded));
            var accepted = logs.Single(log => log.Attribute("EntityId") == id && log.Message?.StartsWith("Accepted 1 signals", StringComparison.Ordinal) == true);
            var recorded = logs.Single(IsRecorded);

            foreach (var log in new[] { accepted, recorded })
            {
                log.Attribute("EntityKind").Should().Be("inventory-items");
                log.Attribute("SignalId").Should().Be($"inventory-items-{id}:1");
                log.TraceId.Should().Be(http.TraceId);
            }

            recorded.Category.Should().Be("EntityActors.App.Entities.RecordOutcomesActivity");
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }

        bool IsRecorded(LogLine log) => log.Attribute("EntityId") == id && log.Message?.StartsWith("Recorded 1 outcomes", StringComparison.Ordinal) == true;
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
