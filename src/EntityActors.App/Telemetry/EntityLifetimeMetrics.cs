using System.Diagnostics.Metrics;
using EntityActors.App.Engine.Diagnostics;

namespace EntityActors.App.Telemetry;

/// <summary>
/// Live entities (meter <c>EntityActors</c>, beside <see cref="SignalMetrics"/>): entity actors active in this
/// replica, and entities created. Static because the Dapr actor activator builds each kind's actor with that
/// kind's own constructor: an instrument injected there would have to be threaded through every kind.
/// </summary>
public static class EntityLifetimeMetrics
{
    private static readonly Meter Meter = new(SignalMetrics.MeterName);

    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>(
        "entityactors.entities.active", unit: "{entity}", description: "Entity actors active in this replica: the live entities");

    private static readonly Counter<long> Created = Meter.CreateCounter<long>(
        "entityactors.entities.created", unit: "{entity}", description: "Entities created: their first signal started their workflow");

    public static void Activated(string kind) => Active.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void Deactivated(string kind) => Active.Add(-1, new KeyValuePair<string, object?>("kind", kind));

    public static void EntityCreated(string kind) => Created.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
