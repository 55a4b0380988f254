using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EntityActors.App.Tests.Telemetry;

/// <summary>The product's instruments reach an OpenTelemetry pipeline that subscribes to the <c>EntityActors</c> meter.</summary>
public class MetricsTests
{
    [Fact]
    public void Signal_counters_latency_and_live_entities_are_exported_per_kind()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(SignalMetrics.MeterName)
            .AddInMemoryExporter(exported)
            .Build();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new SignalMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var kind = "kind-" + Guid.NewGuid().ToString("N");

        metrics.Received(kind, Receipt(duplicate: false));
        metrics.Received(kind, Receipt(duplicate: false));
        metrics.Received(kind, Receipt(duplicate: true));
        metrics.Decided(kind, [Outcome(accepted: true), Outcome(accepted: false)]);
        metrics.Diverged(kind);
        metrics.Answered(kind, TimeSpan.FromMilliseconds(12), waited: true);
        EntityLifetimeMetrics.Activated(kind);
        EntityLifetimeMetrics.Activated(kind);
        EntityLifetimeMetrics.Deactivated(kind);
        EntityLifetimeMetrics.EntityCreated(kind);
        provider.ForceFlush();

        Sum(exported, "entityactors.signals.accepted", kind).Should().Be(2);
        Sum(exported, "entityactors.signals.deduplicated", kind).Should().Be(1);
        Sum(exported, "entityactors.signals.applied", kind).Should().Be(1);
        Sum(exported, "entityactors.signals.rejected", kind).Should().Be(1);
        Sum(exported, "entityactors.signals.diverged", kind).Should().Be(1);
        Sum(exported, "entityactors.entities.active", kind).Should().Be(1);
        Sum(exported, "entityactors.entities.created", kind).Should().Be(1);
        Points(exported, "entityactors.signals.latency", kind).Single().GetHistogramCount().Should().Be(1);
    }

    private static long Sum(List<Metric> metrics, string name, string kind) =>
        Points(metrics, name, kind).Sum(point => point.GetSumLong());

    private static List<MetricPoint> Points(List<Metric> metrics, string name, string kind)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(metric => metric.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "kind" && Equals(tag.Value, kind))
                    {
                        points.Add(point);
                    }
                }
            }
        }

        return points;
    }

    private static SignalReceipt Receipt(bool duplicate) =>
        new("k-1:1", "k", "1", "key", "open", 1, DateTimeOffset.UnixEpoch, duplicate, KeyReused: false);

    private static SignalOutcome Outcome(bool accepted) => new(1, "k-1:1", "open", "key", accepted, 1, null, DateTimeOffset.UnixEpoch);
}
