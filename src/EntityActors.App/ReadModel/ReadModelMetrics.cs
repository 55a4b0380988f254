using System.Diagnostics.Metrics;
using EntityActors.App.Engine.Diagnostics;

namespace EntityActors.App.ReadModel;

/// <summary>
/// The read model's metrics (meter <c>EntityActors</c>): its lag (from an entity's change to that change being listed),
/// its updates by outcome, and its position.
/// </summary>
public sealed class ReadModelMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Histogram<double> lag;
    private readonly Counter<long> updates;
    private long position;

    public ReadModelMetrics(IMeterFactory meters)
    {
        meter = meters.Create(SignalMetrics.MeterName);
        lag = meter.CreateHistogram<double>(
            "entityactors.readmodel.lag", unit: "ms", description: "From an entity's change (its workflow applying the signal) to the read model storing it");
        updates = meter.CreateCounter<long>(
            "entityactors.readmodel.updates", description: "Events and refreshes the read model handled, by result: stored, current (already held), missing (entity gone)");
        meter.CreateObservableGauge("entityactors.readmodel.position", () => Interlocked.Read(ref position), description: "The read model's latest position (its own change counter)");
    }

    public void Stored(string kind, TimeSpan? lagBehindChange)
    {
        if (lagBehindChange is { } behind)
        {
            lag.Record(Math.Max(0, behind.TotalMilliseconds), new KeyValuePair<string, object?>("kind", kind));
        }

        Count(kind, "stored");
    }

    public void Count(string kind, string result) =>
        updates.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", result));

    public void AtPosition(long value)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref position);
        }
        while (value > seen && Interlocked.CompareExchange(ref position, value, seen) != seen);
    }

    public void Dispose() => meter.Dispose();
}
