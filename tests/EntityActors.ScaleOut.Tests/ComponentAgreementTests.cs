using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>A replica started on other components than the running ones refuses to run, saying which.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ComponentAgreementTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    [Fact]
    public async Task A_replica_whose_entity_store_is_another_table_of_the_same_server_refuses_to_start_and_names_the_store()
    {
        var folder = CopyComponents(text => text.Replace("value: \"entity_\"", "value: \"stray_\"", StringComparison.Ordinal)
            .Replace("value: \"entity_dapr_metadata\"", "value: \"stray_dapr_metadata\"", StringComparison.Ordinal));

        var refusal = await StartRefusedAsync(folder);

        refusal.Should().Contain("state store 'entitystore' (state.postgresql/v2)")
            .And.Contain("does not hold what this replica just wrote");
    }

    [Fact]
    public async Task A_replica_whose_state_store_is_another_type_refuses_to_start_and_names_both_types()
    {
        var folder = CopyComponents(text => text.Contains("name: statestore", StringComparison.Ordinal)
            ? """
              apiVersion: dapr.io/v1alpha1
              kind: Component
              metadata:
                name: statestore
              spec:
                type: state.sqlite
                version: v1
                metadata:
                  - name: connectionString
                    value: "stray-state.db"
                  - name: actorStateStore
                    value: "true"
              """
            : text);

        var refusal = await StartRefusedAsync(folder);

        refusal.Should().Contain("component 'statestore' is state.sqlite/v1 here but state.postgresql/v2 on replica");
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string CopyComponents(Func<string, string> change)
    {
        var folder = Path.Combine(fixture.Topology.DataDirectory, $"stray-components-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(fixture.Topology.ResourcesPath, "*.yaml"))
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), change(File.ReadAllText(file)));
        }

        return folder;
    }

    private async Task<string> StartRefusedAsync(string folder)
    {
        try
        {
            var start = () => fixture.Topology.AddReplicaAsync(folder);

            var failure = await start.Should().ThrowAsync<InvalidOperationException>();

            failure.Which.Message.Should().Contain("exited with code 3", "the app stops itself with the refusal's exit code");
            var refusal = fixture.LogLines.LastOrDefault(line => line.Contains("Refusing to run: this replica", StringComparison.Ordinal));
            refusal.Should().NotBeNull("the app logs why it refuses");
            output.WriteLine(refusal);
            fixture.Replicas.Should().HaveCount(ScaleOutFixture.ReplicaCount, "the refused replica is left out");
            using var app = fixture.Replicas[0].CreateAppClient();
            await EntityReads.ApplyAsync(app, "accounts", ScaleOutFixture.UniqueId("after-stray"), "open", new { owner = "Still", currency = "EUR" });
            return refusal!;
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }
}
