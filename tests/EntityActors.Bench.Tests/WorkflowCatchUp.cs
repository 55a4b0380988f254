using System.Text.Json.Nodes;

namespace EntityActors.Bench.Tests;

/// <summary>What a product side's figures must say about its entity workflows catching up after its rounds.</summary>
public static class WorkflowCatchUp
{
    /// <summary>
    /// The product's rounds record when every entity's workflow showed all of the round's signals, and that cannot be
    /// before they were all applied: its CPU window was held open past "applied" for the relay's deferred work.
    /// </summary>
    public static void ShouldFollowApplied(JsonObject figures, string who)
    {
        figures.Should().ContainKey("workflowCaughtUpMs", $"{who}'s rounds should record when its workflows caught up");
        figures.Should().ContainKey("allAppliedMs", $"{who}'s rounds should record when every signal was applied");
        figures["workflowCaughtUpMs"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(
            figures["allAppliedMs"]!.GetValue<double>(), $"{who}'s workflows take the signals only after they were applied");
    }
}
