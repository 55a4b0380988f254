using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace EntityActors.EndToEnd.Tests.ReadModel;

/// <summary><c>POST /admin/read-model/rebuild</c> on the real runtime: a damaged read model is rebuilt from the entities.</summary>
[Collection(DaprCollection.Name)]
public sealed class ReadModelRebuildTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Fact]
    public async Task A_rebuild_corrects_a_wrong_row_and_removes_a_row_whose_entity_does_not_exist()
    {
        var id = DaprAppFixture.UniqueId("rebuild");
        var ghost = DaprAppFixture.UniqueId("rebuild-ghost");
        var opened = await Api.ApplyAsync("accounts", id, "open", new { owner = "Rob", currency = "EUR" });
        await Api.ListAsync("accounts", $"after={opened["signalId"]}&wait=10&limit=5");
        await TamperAsync(
            "UPDATE entities SET status = 'closed', version = 99, sequence = 99 WHERE kind = 'accounts' AND id = @id;" +
            "INSERT INTO entities SELECT kind, @ghost, status, version, sequence, last_changed_at, position, balance, available, summary, state FROM entities WHERE kind = 'accounts' AND id = @id;",
            id, ghost);
        (await Api.ListAsync("accounts", "limit=5")).Item(id)["status"]!.GetValue<string>().Should().Be("closed", "the row was damaged");

        using var started = await Api.Http.PostAsync("admin/read-model/rebuild", null);
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var status = await WaitForRebuildAsync(TimeSpan.FromSeconds(60));

        status["lastRebuild"]!["error"].Should().BeNull();
        status["lastRebuild"]!["entities"]!.GetValue<long>().Should().BePositive();
        status["lastRebuild"]!["removed"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
        var page = await Api.ListAsync("accounts", "limit=200");
        page.Item(id)["status"]!.GetValue<string>().Should().Be("open");
        page.Item(id)["sequence"]!.GetValue<long>().Should().Be(1);
        page.Ids().Should().NotContain(ghost);
    }

    [Fact]
    public async Task An_app_starting_on_a_new_database_rebuilds_it_from_the_entities()
    {
        var id = DaprAppFixture.UniqueId("rebuild-start");
        await Api.ApplyAsync("carts", id, "add-item", new { sku = "tea", quantity = 4, unitPrice = EntityApiClient.Eur(2m) });
        var file = Path.Combine(Fixture.Environment.DataDirectory, "readmodel.db");

        await Fixture.Environment.KillAppAsync();
        SqliteConnection.ClearAllPools();
        foreach (var part in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(part);
        }

        await Fixture.Environment.RestartAppAsync();
        var page = await Api.ListUntilAsync("carts", "limit=200", p => p.Ids().Contains(id), TimeSpan.FromSeconds(60));

        File.Exists(file).Should().BeTrue();
        page.Item(id)["summary"]!["itemCount"]!.GetValue<int>().Should().Be(4, "the cart came back from its workflow, not from an event");
    }

    private async Task<JsonObject> WaitForRebuildAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Api.Http.GetAsync("admin/read-model");
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (status["lastRebuild"]?["running"]?.GetValue<bool>() == false || clock.Elapsed > within)
            {
                status["lastRebuild"]!["running"]!.GetValue<bool>().Should().BeFalse($"the rebuild should finish within {within}");
                return status;
            }

            await Task.Delay(200);
        }
    }

    private async Task TamperAsync(string sql, string id, string ghost)
    {
        var file = Path.Combine(Fixture.Environment.DataDirectory, "readmodel.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@ghost", ghost);
        (await command.ExecuteNonQueryAsync()).Should().Be(2);
    }
}
