using EntityActors.App.Cluster;

namespace EntityActors.App.Tests.Cluster;

public sealed class FingerprintComparisonTests
{
    private static readonly ReplicaFingerprint Postgres = new()
    {
        Replica = "pod-a",
        Components =
        [
            new ComponentIdentity("entitystore", "state.postgresql", "v2"),
            new ComponentIdentity("pubsub", "pubsub.redis", "v1"),
            new ComponentIdentity("statestore", "state.postgresql", "v2"),
        ],
        StateStore = "statestore",
        EntityStore = "entitystore",
        PubSub = "pubsub",
    };

    private static readonly IReadOnlyDictionary<string, bool> BothSeen = new Dictionary<string, bool> { ["statestore"] = true, ["entitystore"] = true };

    [Fact]
    public void Replicas_on_the_same_components_that_see_each_others_markers_agree()
    {
        FingerprintComparison.Disagreements(Postgres, Postgres with { Replica = "pod-b" }, BothSeen, "pod-b").Should().BeEmpty();
    }

    [Fact]
    public void A_state_store_of_another_type_is_named_with_both_types()
    {
        var sqlite = Postgres with { Components = [.. Postgres.Components.Where(c => c.Name != "statestore"), new ComponentIdentity("statestore", "state.sqlite", "v1")] };

        FingerprintComparison.Disagreements(sqlite, Postgres, BothSeen, "pod-b")
            .Should().Equal("component 'statestore' is state.sqlite/v1 here but state.postgresql/v2 on replica pod-b");
    }

    [Fact]
    public void The_same_component_on_another_database_is_found_by_the_marker_it_does_not_hold()
    {
        var seen = new Dictionary<string, bool> { ["statestore"] = true, ["entitystore"] = false };

        FingerprintComparison.Disagreements(Postgres, Postgres, seen, "pod-b")
            .Should().ContainSingle().Which.Should().Contain("state store 'entitystore' (state.postgresql/v2) of replica pod-b does not hold");
    }

    [Fact]
    public void A_component_only_one_side_loads_and_another_configured_name_are_each_reported()
    {
        var other = Postgres with { Components = [.. Postgres.Components, new ComponentIdentity("audit", "bindings.kafka", "v1")], PubSub = "events" };

        FingerprintComparison.Disagreements(Postgres, other, BothSeen, "pod-b").Should().Equal(
            "component 'audit' (bindings.kafka/v1) is loaded by replica pod-b but not here",
            "EntityActors:Dapr:PubSub is 'pubsub' here but 'events' on replica pod-b");
    }
}
