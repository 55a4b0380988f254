using System.Diagnostics;
using System.Net;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// The redelivery reminder of an entity that went quiet: its actor removes it itself once the relay has seen everything
/// through, long before the reminder's own minute is up, and a later signal registers it again before it is stored.
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class QuietRedeliveryTests(SecuredAppFixture fixture)
{
    private static readonly TimeSpan RemovalBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_caught_up_entity_that_goes_quiet_loses_its_reminder_and_its_next_signal_registers_it_again()
    {
        var id = DaprAppFixture.UniqueId("quiet");
        using var api = fixture.CreateApiClient();
        using var dapr = fixture.Environment.CreateDaprClient();

        // Started before the signal: its quiet spell begins inside the call, and the call may return well after (a
        // loaded CI once took 0.8 s), which would make a correct removal look early.
        var quiet = Stopwatch.StartNew();
        await Signals.ApplyAsync(api, "inventory-items", id, "restock", """{"quantity":2}""");
        (await ReminderAsync(dapr, id)).Should().Be(HttpStatusCode.OK, "the reminder is registered before the first signal is stored");

        while (await ReminderAsync(dapr, id) == HttpStatusCode.OK)
        {
            quiet.Elapsed.Should().BeLessThan(RemovalBound, "the actor removes the reminder of a caught-up, quiet entity well within the reminder's minute");
            await Task.Delay(200);
        }

        quiet.Elapsed.Should().BeGreaterThanOrEqualTo(SecuredAppFixture.RedeliveryRemovalWhenQuiet - TimeSpan.FromMilliseconds(200), "not before the quiet spell");
        fixture.ReadLogs().Should().Contain(line => line.Message == $"Removed the redelivery reminder of inventory-items-{id}: caught up through sequence 1 and quiet");

        await Signals.ApplyAsync(api, "inventory-items", id, "restock", """{"quantity":3}""");
        (await ReminderAsync(dapr, id)).Should().Be(HttpStatusCode.OK, "a signal after the removal is covered again before it is stored");
    }

    private static async Task<HttpStatusCode> ReminderAsync(HttpClient dapr, string id)
    {
        using var response = await dapr.GetAsync($"v1.0/actors/InventoryItemActor/inventory-items-{id}/reminders/redeliver");
        response.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound], await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }
}
