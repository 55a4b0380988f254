using System.Diagnostics;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Tests.Telemetry;

/// <summary>How the app's spans pick their parent: the carried traceparent of the signals, or the ambient span.</summary>
public sealed class EntityTelemetryTests : IDisposable
{
    private static readonly EntityAddress Account = new("accounts", "a1");
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == EntityTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public EntityTelemetryTests() => ActivitySource.AddActivityListener(listener);

    [Fact]
    public void An_activity_run_continues_the_first_signals_trace_and_links_the_others_and_the_ambient_span()
    {
        var first = NewTraceParent();
        var second = NewTraceParent();
        using var ambient = new Activity("workflow-sdk").Start();

        using var span = EntityTelemetry.StartForSignals("record-outcomes", Account, [first, second, first]);

        span.Should().NotBeNull();
        span!.ParentId.Should().Be(first);
        span.DisplayName.Should().Be("record-outcomes accounts");
        span.Links.Select(link => link.Context.TraceId).Should().BeEquivalentTo([Parse(second).TraceId, ambient.TraceId]);
        span.GetTagItem(EntityTelemetry.IdTag).Should().Be("a1");
    }

    [Fact]
    public void An_activity_run_without_carried_context_is_a_child_of_the_ambient_span()
    {
        using var ambient = new Activity("workflow-sdk").Start();

        using var span = EntityTelemetry.StartForSignals("send-signal", Account, []);

        span!.ParentSpanId.Should().Be(ambient.SpanId);
        span.Links.Should().BeEmpty();
    }

    [Fact]
    public void An_actor_turn_is_a_child_of_the_sidecars_call_and_links_senders_of_other_traces()
    {
        using var callback = new Activity("PUT actors").Start();
        var sameTrace = $"00-{callback.TraceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var otherTrace = NewTraceParent();

        using var span = EntityTelemetry.StartTurn("submit", Account, [sameTrace, otherTrace]);

        span!.ParentSpanId.Should().Be(callback.SpanId);
        span.Links.Select(link => link.Context.TraceId).Should().Equal(Parse(otherTrace).TraceId);
    }

    [Fact]
    public void An_actor_turn_without_an_ambient_span_continues_the_first_sender()
    {
        Activity.Current = null;
        var sender = NewTraceParent();

        using var span = EntityTelemetry.StartTurn("submit", Account, [sender]);

        span!.ParentId.Should().Be(sender);
    }

    [Fact]
    public void A_signal_of_the_turns_trace_stores_the_turns_context_and_one_of_another_trace_keeps_its_own()
    {
        Activity.Current = null;
        var sender = NewTraceParent();
        var other = NewTraceParent();
        using var turn = EntityTelemetry.StartTurn("submit", Account, [sender]);

        EntityTelemetry.ChildTraceParent(turn, sender).Should().Be(turn!.Id);
        EntityTelemetry.ChildTraceParent(turn, null).Should().Be(turn.Id);
        EntityTelemetry.ChildTraceParent(turn, other).Should().Be(other);
        EntityTelemetry.ChildTraceParent(null, other).Should().Be(other);
    }

    public void Dispose() => listener.Dispose();

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    private static ActivityContext Parse(string traceParent) => ActivityContext.Parse(traceParent, null);
}
