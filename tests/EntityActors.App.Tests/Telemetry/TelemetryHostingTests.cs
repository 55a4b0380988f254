using EntityActors.App.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace EntityActors.App.Tests.Telemetry;

public class TelemetryHostingTests
{
    [Fact]
    public void With_no_exporter_configured_no_pipeline_is_registered()
    {
        using var host = Build([]);

        host.Services.GetService<TracerProvider>().Should().BeNull("telemetry is off by default");
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
