using EntityActors.App.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EntityActors.App.Tests.Telemetry;

public class TelemetryHostingTests
{
    [Fact]
    public void By_default_only_metrics_are_collected_for_the_prometheus_endpoint()
    {
        using var host = Build([]);

        host.Services.GetService<TracerProvider>().Should().BeNull("traces need an exporter");
        host.Services.GetService<MeterProvider>().Should().NotBeNull("the scrape endpoint is on by default");
    }

    [Fact]
    public void With_no_exporter_and_no_scrape_path_no_pipeline_is_registered()
    {
        using var host = Build(new() { ["EntityActors:Telemetry:PrometheusScrapePath"] = string.Empty });

        host.Services.GetService<TracerProvider>().Should().BeNull();
        host.Services.GetService<MeterProvider>().Should().BeNull();
    }

    [Fact]
    public void An_otlp_endpoint_turns_tracing_on()
    {
        using var host = Build(new() { ["EntityActors:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        host.Services.GetService<TracerProvider>().Should().NotBeNull();
    }

    [Fact]
    public void An_unknown_otlp_protocol_is_a_startup_error()
    {
        var build = () => Build(new()
        {
            ["EntityActors:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
            ["EntityActors:Telemetry:OtlpProtocol"] = "carrier-pigeon",
        });

        build.Should().Throw<InvalidOperationException>().WithMessage("*OtlpProtocol*carrier-pigeon*");
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEntityTelemetry();
        return builder.Build();
    }
}
