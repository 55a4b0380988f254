using EntityActors.Bench.ScaleOut;

namespace EntityActors.Bench.Tests;

public sealed class ScaleOutCostTests
{
    [Fact]
    public void Each_round_of_n_replicas_is_set_against_the_one_replica_round_beside_it()
    {
        var cost = ScaleOutCost.Of("answered", 3, 900, 1_000, 2.6, 2.0, [800, 900, 1_200], [1_000, 1_200, 1_000]);

        cost.LostPercent.Should().Be(10, "the goal is judged on the median rates");
        cost.ExtraCpuPercent.Should().Be(30);
        cost.RoundLostPercent.Should().Equal(20, 25, -20);
        ScaleOutTable.Describe(cost).Should().Be(
            "10.0 % of one replica's signals/s lost (< 20 % lost: met); round against round -20.0 to 25.0 % lost, median 20.0 %; CPU per 1,000 signals +30.0 %");
    }

    [Fact]
    public void A_single_round_has_no_spread_to_report()
    {
        var cost = ScaleOutCost.Of("answered", 3, 700, 1_000, null, null, [700], [1_000]);

        ScaleOutTable.Describe(cost).Should().Be("30.0 % of one replica's signals/s lost (< 20 % lost: NOT met); CPU not measured");
    }
}
