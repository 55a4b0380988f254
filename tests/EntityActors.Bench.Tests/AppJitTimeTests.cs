using EntityActors.Bench.ScaleOut;

namespace EntityActors.Bench.Tests;

public sealed class AppJitTimeTests
{
    [Fact]
    public void The_jit_time_is_read_from_a_prometheus_scrape_and_its_series_are_summed()
    {
        const string scrape = """
            # TYPE dotnet_jit_compilation_time_seconds_total counter
            # UNIT dotnet_jit_compilation_time_seconds_total seconds
            dotnet_jit_compilation_time_seconds_total{otel_scope_name="System.Runtime"} 1.5 1733300000000
            dotnet_jit_compilation_time_seconds_total_other 9
            dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 4711
            dotnet_jit_compilation_time_seconds_total{otel_scope_name="other"} 0.25
            """;

        AppJitTime.Parse(scrape).Should().Be(1.75, "a series may carry a timestamp after its value");
    }

    [Fact]
    public void A_scrape_without_runtime_metrics_is_an_error_not_zero()
    {
        var parse = () => AppJitTime.Parse("http_server_request_duration_seconds_count 3\n");

        parse.Should().Throw<InvalidOperationException>().WithMessage("*dotnet_jit_compilation_time_seconds_total*");
    }
}
