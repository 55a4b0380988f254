using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests;

public sealed class PrometheusScrapeTests
{
    private const string Scrape = """
        # HELP dapr_component_state_count The number of operations performed on the state component.
        # TYPE dapr_component_state_count counter
        dapr_component_state_count{app_id="entityactors",component="entitystore",namespace="",operation="get",success="true"} 26
        dapr_component_state_count{app_id="entityactors",component="entitystore",namespace="",operation="transaction",success="true"} 4
        dapr_component_state_count{app_id="entityactors",component="statestore",namespace="",operation="transaction",success="true"} 7

        dapr_component_state_count_other 100
        process_start_time_seconds 1.7333e+09 1733300000000
        http_server_request_duration_seconds_bucket{le="+Inf",path="/a \"quoted\" \\ path"} 3
        """;

    [Fact]
    public void Series_are_read_with_their_labels_and_summed_by_exact_metric_name()
    {
        var scrape = PrometheusScrape.Parse(Scrape);

        scrape.All.Should().HaveCount(6, "comments and blank lines are not series");
        scrape.Sum("dapr_component_state_count").Should().Be(37, "dapr_component_state_count_other is another metric");
        scrape.Sum("dapr_component_state_count", s => s.Label("component") == "entitystore" && s.Label("operation") == "transaction").Should().Be(4);
        scrape.Sum("no_such_metric").Should().Be(0);
    }

    [Fact]
    public void A_timestamp_after_the_value_is_ignored_and_escaped_label_values_are_read_back()
    {
        var scrape = PrometheusScrape.Parse(Scrape);

        scrape.Of("process_start_time_seconds").Single().Value.Should().Be(1.7333e+09);
        var bucket = scrape.Of("http_server_request_duration_seconds_bucket").Single();
        bucket.Label("le").Should().Be("+Inf");
        bucket.Label("path").Should().Be("/a \"quoted\" \\ path");
        bucket.Label("missing").Should().BeNull();
        bucket.Value.Should().Be(3);
    }

    [Theory]
    [InlineData("metric{le=\"1\" 3")]
    [InlineData("metric three")]
    [InlineData("{le=\"1\"} 3")]
    public void A_line_that_is_not_a_series_is_refused(string line)
    {
        var parse = () => PrometheusScrape.Parse(line);

        parse.Should().Throw<FormatException>().WithMessage($"*{line}*");
    }
}
