using EntityActors.Deploy.Tests.Support;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// Production keeps every record on PostgreSQL with its credentials in a Secret, and the app writes the entity store
/// component's own table with that component's own Secret: a table or Secret changed on one side alone would split the
/// records from what the sidecar reads, or fail only in the cluster.
/// </summary>
public sealed class ProductionStoreDriftTests
{
    [Fact]
    public async Task Production_keeps_workflows_actors_and_entities_on_postgresql_v2_with_the_connection_from_a_secret()
    {
        var set = await ManifestSet.RenderAsync(DeploymentContract.ProductionOverlay);

        foreach (var name in new[] { DeploymentContract.StateStore, DeploymentContract.EntityStore })
        {
            var component = set.Single("Component", name).Root;
            component.Text("spec", "type").Should().Be("state.postgresql", name);
            component.Text("spec", "version").Should().Be("v2", $"{name}: v2 is the version that rolls a transaction back whole");
            var connection = component.Items("spec", "metadata").Single(item => item.Text("name") == "connectionString");
            connection.Text("value").Should().BeNull($"{name}: no credentials in the manifest");
            connection.Text("secretKeyRef", "name").Should().Be(DeploymentContract.PostgresSecret);
            component.Text("auth", "secretStore").Should().Be("kubernetes");
        }

        set.Single("Component", DeploymentContract.EntityStore).Root.ComponentMetadata()["tablePrefix"]
            .Should().NotBeEmpty("the entities' records have tables of their own beside the workflows'");
    }

    [Fact]
    public async Task Production_app_writes_the_entity_store_components_own_table_with_the_components_own_secret()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.ProductionOverlay);
        var component = rendered.Set.Single("Component", DeploymentContract.EntityStore).Root;
        var connection = component.Items("spec", "metadata").Single(item => item.Text("name") == "connectionString");

        rendered.SecretEnvironment["EntityActors__EntityStore__PostgresConnectionString"].Should().Be(
            (connection.Text("secretKeyRef", "name")!, connection.Text("secretKeyRef", "key")!),
            "the app connects to the component's database with the component's own credentials");
        rendered.Environment["EntityActors__EntityStore__PostgresTable"].Should().Be(component.ComponentMetadata()["tablePrefix"] + "state",
            "the app writes the table the component created (its tablePrefix, then state), where the sidecar reads it");
    }
}
