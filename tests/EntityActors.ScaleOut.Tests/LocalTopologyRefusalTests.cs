using EntityActors.LocalRuntime;

namespace EntityActors.ScaleOut.Tests;

/// <summary>What the local topology refuses before it starts anything.</summary>
public sealed class LocalTopologyRefusalTests
{
    [Fact]
    public async Task More_than_one_replica_on_the_SQLite_components_is_refused_with_the_reason_and_the_way_out()
    {
        await using var topology = new LocalTopology(new LocalDaprEnvironmentOptions
        {
            DaprBinDirectory = (await DaprBinaries.ResolveAsync()).Directory,
            Store = LocalStore.Sqlite,
            Replicas = 2,
        });

        var start = () => topology.StartAsync();

        var refusal = await start.Should().ThrowAsync<InvalidOperationException>();
        refusal.Which.Message.Should().Contain("statestore.yaml is state.sqlite")
            .And.Contain("pubsub.yaml is pubsub.in-memory")
            .And.Contain("--store postgres");
    }
}
