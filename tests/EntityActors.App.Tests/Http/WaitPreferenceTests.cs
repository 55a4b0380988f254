using EntityActors.App.Http;
using Microsoft.Extensions.Primitives;

namespace EntityActors.App.Tests.Http;

public class WaitPreferenceTests
{
    [Fact]
    public void Without_a_header_or_query_the_caller_does_not_wait()
    {
        var (wait, error) = WaitPreference.Parse(StringValues.Empty, StringValues.Empty);

        wait.Should().BeNull();
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("wait=10", 10.0)]
    [InlineData("wait=0.5", 0.5)]
    [InlineData("wait=0", 0.0)]
    [InlineData("respond-async, wait=3", 3.0)]
    [InlineData("return=minimal,wait = 2", 2.0)]
    [InlineData("Wait=7", 7.0)]
    public void Prefer_wait_gives_the_seconds_to_wait(string prefer, double seconds)
    {
        var (wait, error) = WaitPreference.Parse(prefer, StringValues.Empty);

        error.Should().BeNull();
        wait.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Prefer_wait_is_found_among_several_header_values()
    {
        var (wait, error) = WaitPreference.Parse(new StringValues(["respond-async", "wait=4"]), StringValues.Empty);

        error.Should().BeNull();
        wait.Should().Be(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void A_prefer_header_without_wait_does_not_wait()
    {
        var (wait, error) = WaitPreference.Parse("return=representation", StringValues.Empty);

        wait.Should().BeNull();
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("wait=soon")]
    [InlineData("wait=-1")]
    [InlineData("wait=3601")]
    [InlineData("wait=NaN")]
    [InlineData("wait=")]
    public void A_malformed_prefer_wait_is_an_error_naming_the_value(string prefer)
    {
        var (wait, error) = WaitPreference.Parse(prefer, StringValues.Empty);

        wait.Should().BeNull();
        error.Should().StartWith("Prefer: wait must be a number of seconds").And.Contain($"'{prefer["wait=".Length..]}'");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void Query_wait_true_waits_the_default_time(string query)
    {
        var (wait, error) = WaitPreference.Parse(StringValues.Empty, query);

        error.Should().BeNull();
        wait.Should().Be(WaitPreference.DefaultWhenRequested);
        WaitPreference.DefaultWhenRequested.Should().BePositive();
    }

    [Fact]
    public void Query_wait_false_does_not_wait_even_when_the_header_asks_to()
    {
        var (wait, error) = WaitPreference.Parse("wait=10", "false");

        wait.Should().BeNull();
        error.Should().BeNull();
    }

    [Fact]
    public void Query_wait_in_seconds_overrides_the_header()
    {
        var (wait, error) = WaitPreference.Parse("wait=10", "2.5");

        error.Should().BeNull();
        wait.Should().Be(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public void An_empty_query_wait_leaves_the_header_in_charge()
    {
        var (wait, error) = WaitPreference.Parse("wait=10", "");

        error.Should().BeNull();
        wait.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("-5")]
    [InlineData("1h")]
    [InlineData("99999")]
    public void A_malformed_query_wait_is_an_error_naming_the_value(string query)
    {
        var (wait, error) = WaitPreference.Parse(StringValues.Empty, query);

        wait.Should().BeNull();
        error.Should().Be($"wait must be true, false or a number of seconds; got '{query}'.");
    }
}
