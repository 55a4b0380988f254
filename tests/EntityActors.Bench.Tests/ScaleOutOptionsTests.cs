using EntityActors.Bench;
using EntityActors.Bench.ScaleOut;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.Tests;

/// <summary>The multi-replica run's flags: what is taken, and what is refused with a message that says what to give instead.</summary>
public sealed class ScaleOutOptionsTests
{
    [Fact]
    public void Without_the_new_flags_the_run_is_the_default_one_replica_on_sqlite()
    {
        var options = BenchOptions.Parse(["--tiny"]);

        options.ScaleOut.Enabled.Should().BeFalse();
        options.ScaleOut.Replicas.Should().Be(1);
        options.ScaleOut.Store.Should().Be(LocalStore.Sqlite);
    }

    [Theory]
    [InlineData("postgres", LocalStore.Postgres)]
    [InlineData("redis", LocalStore.Redis)]
    public void Three_replicas_on_a_server_store_are_the_multi_replica_run(string store, LocalStore expected)
    {
        var options = BenchOptions.Parse(["--replicas", "3", "--store", store]);

        options.ScaleOut.Enabled.Should().BeTrue();
        options.ScaleOut.Replicas.Should().Be(3);
        options.ScaleOut.Store.Should().Be(expected);
    }

    [Fact]
    public void The_warm_up_settles_for_a_minute_unless_told_otherwise()
    {
        BenchOptions.Parse(["--replicas", "3", "--store", "postgres"]).ScaleOut.Settle.Should().Be(TimeSpan.FromSeconds(60));
        BenchOptions.Parse(["--replicas", "3", "--store", "postgres", "--settle", "0"]).ScaleOut.Settle.Should().Be(TimeSpan.Zero);
        var parse = () => BenchOptions.Parse(["--replicas", "3", "--store", "postgres", "--settle", "-5"]);
        parse.Should().Throw<FormatException>().WithMessage("--settle takes a whole number*");
    }

    [Fact]
    public void Senders_go_round_robin_unless_entity_routing_is_asked_for_and_other_routings_are_refused()
    {
        BenchOptions.Parse(["--replicas", "3", "--store", "postgres"]).ScaleOut.Routing.Should().Be(ReplicaRouting.RoundRobin);
        BenchOptions.Parse(["--replicas", "3", "--store", "postgres", "--routing", "entity"]).ScaleOut.Routing.Should().Be(ReplicaRouting.Entity);
        var parse = () => BenchOptions.Parse(["--replicas", "3", "--store", "postgres", "--routing", "sticky"]);
        parse.Should().Throw<FormatException>().WithMessage("*round-robin or entity*sticky*");
    }

    [Fact]
    public void Several_replicas_on_sqlite_are_refused_with_the_stores_that_can_share()
    {
        var parse = () => BenchOptions.Parse(["--replicas", "3"]);

        parse.Should().Throw<FormatException>().WithMessage("*cannot run on SQLite*--store postgres or --store redis*");
    }

    [Fact]
    public void A_server_store_with_one_replica_is_refused_as_the_multi_replica_runs_flag()
    {
        var parse = () => BenchOptions.Parse(["--store", "postgres"]);

        parse.Should().Throw<FormatException>().WithMessage("*--replicas 2 or more*");
    }

    [Fact]
    public void Scenarios_the_multi_replica_run_does_not_have_are_refused_by_name()
    {
        var parse = () => BenchOptions.Parse(["--replicas", "3", "--store", "postgres", "--scenarios", "answered,latency"]);

        parse.Should().Throw<FormatException>().WithMessage("*leave out latency*");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("three")]
    public void A_replica_count_out_of_range_is_refused(string count)
    {
        var parse = () => BenchOptions.Parse(["--replicas", count, "--store", "postgres"]);

        parse.Should().Throw<FormatException>().WithMessage($"*--replicas takes a number from 1 to 16, not '{count}'*");
    }

    [Fact]
    public void An_unknown_store_is_refused()
    {
        var parse = () => BenchOptions.Parse(["--replicas", "3", "--store", "mongo"]);

        parse.Should().Throw<FormatException>().WithMessage("*sqlite, redis or postgres*");
    }
}
