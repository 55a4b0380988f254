using System.Net;
using EntityActors.EndToEnd.Tests.Operations;
using EntityActors.EndToEnd.Tests.ReadModel;

namespace EntityActors.EndToEnd.Tests.Retention;

/// <summary>The operator endpoints behind the API key and the Dapr tokens, as production runs them.</summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ProtectedOperatorApiTests(SecuredAppFixture fixture)
{
    [Fact]
    public async Task Delete_list_history_and_rebuild_need_the_api_key_and_the_read_model_still_follows_events_through_the_app_token()
    {
        var id = DaprAppFixture.UniqueId("keyed-delete");
        using var keyed = fixture.CreateApiClient();
        var api = new EntityApiClient(keyed);
        await api.ApplyAsync("accounts", id, "open", new { owner = "Kim", currency = "EUR" });
        using var anonymous = fixture.Environment.CreateAppClient();

        using var refusedDelete = await anonymous.DeleteAsync($"accounts/{id}");
        using var refusedList = await anonymous.GetAsync("accounts");
        using var refusedHistory = await anonymous.GetAsync($"accounts/{id}/history");
        using var refusedRebuild = await anonymous.PostAsync("admin/read-model/rebuild", null);
        var listed = await api.ListUntilAsync("accounts", "limit=50", page => page.Ids().Contains(id), TimeSpan.FromSeconds(20));
        using var deleted = await keyed.DeleteAsync($"accounts/{id}");

        foreach (var refused in new[] { refusedDelete, refusedList, refusedHistory, refusedRebuild })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await EntityApiClient.ProblemAsync(refused))["code"]!.GetValue<string>().Should().Be("api-key-required");
        }

        listed.Ids().Should().Contain(id, "the sidecar delivers the domain events to the read model with the app API token");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent, "the refused delete changed nothing, the keyed one erased it");
        (await api.GetAsync("accounts", id)).Should().BeNull();
    }
}
