using System.Diagnostics.Metrics;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Diagnostics;

/// <summary>The product's own metrics (meter <c>EntityActors</c>), tagged with the entity kind.</summary>
public sealed class SignalMetrics : IDisposable
{
    public const string MeterName = "EntityActors";

    private readonly Meter meter;
    private readonly Counter<long> accepted;
    private readonly Counter<long> deduplicated;
    private readonly Counter<long> applied;
    private readonly Counter<long> rejected;
    private readonly Counter<long> diverged;
    private readonly Histogram<double> latency;
    private readonly Counter<long> writerCalls;
    private readonly Counter<long> writerHedges;
    private readonly Counter<long> droppedFromTopic;

    public SignalMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("entityactors.signals.accepted", description: "Signals acknowledged by an entity");
        deduplicated = meter.CreateCounter<long>("entityactors.signals.deduplicated", description: "Signals answered from an earlier use of their idempotency key");
        applied = meter.CreateCounter<long>("entityactors.signals.applied", description: "Signals the entity's rules accepted");
        rejected = meter.CreateCounter<long>("entityactors.signals.rejected", description: "Signals the entity's rules refused");
        diverged = meter.CreateCounter<long>("entityactors.signals.diverged", description: "Signals an entity's workflow decided otherwise than its single writer did at intake");
        writerCalls = meter.CreateCounter<long>("entityactors.intake.writer_calls", description: "Batches handed to an entity's single writer, by route (WriterRoute)");
        writerHedges = meter.CreateCounter<long>("entityactors.intake.writer_hedges", description: "Writer calls made a second time because the first went unanswered for Intake:WriterCallHedgeAfter");
        droppedFromTopic = meter.CreateCounter<long>("entityactors.subscriptions.dropped", description: "Messages on the signals topic dropped as no signal, or as reusing a key for another one (each logged with its reason)");
        latency = meter.CreateHistogram<double>("entityactors.signals.latency", unit: "ms", description: "From receipt at the API to the acknowledgement or outcome");
    }

    public void Received(string kind, SignalReceipt receipt) =>
        (receipt.Duplicate ? deduplicated : accepted).Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void DroppedFromTopic() => droppedFromTopic.Add(1);

    public void Decided(string kind, IEnumerable<SignalOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            (outcome.Accepted ? applied : rejected).Add(1, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public void Diverged(string kind) => diverged.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Answered(string kind, TimeSpan elapsed, bool waited) =>
        latency.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("waited", waited));

    public void WriterCalled(string kind, string route) =>
        writerCalls.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("route", route));

    public void WriterHedged(string kind) => writerHedges.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => meter.Dispose();
}
