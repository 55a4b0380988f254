using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>An entity outlives its actor: idle actors deactivate, nothing wakes them needlessly, the next signal brings them back.</summary>
[Collection(ShortLivedActorsCollection.Name)]
public sealed class ActorDeactivationTests(ShortLivedActorsFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EntityApiClient api = new(fixture.Environment.CreateAppClient());

    [Fact]
    public async Task An_entity_whose_actor_deactivated_stays_idle_keeps_its_state_and_takes_the_next_signal()
    {
        try
        {
            var id = DaprAppFixture.UniqueId("idle");
            await api.ApplyAsync("accounts", id, "open", new { owner = "Ida", currency = "EUR" });
            await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(10) });
            (await ActiveAccountActorsAsync()).Should().Be(1);

            var stored = Stopwatch.StartNew();
            await WaitUntilAsync(async () => await ActiveAccountActorsAsync() == 0, TimeSpan.FromSeconds(30));
            stored.Elapsed.Should().BeLessThan(ShortLivedActorsFixture.RedeliveryInterval, "the actor must go idle before its reminder is first due");
            // Caught up when it deactivated, so its redelivery reminder went with it: nothing wakes it up again.
            await Task.Delay(ShortLivedActorsFixture.RedeliveryInterval + TimeSpan.FromSeconds(3));
            (await ActiveAccountActorsAsync()).Should().Be(0, "an idle, caught-up entity keeps no reminder that would reactivate it");
            fixture.LogLines.Where(line => line.Contains($"Redelivery reminder of accounts-{id}", StringComparison.Ordinal))
                .Should().BeEmpty("the reminder was removed when the caught-up actor deactivated, so it never fired");

            var idle = await api.GetAsync("accounts", id);
            idle!["version"]!.GetValue<long>().Should().Be(2);
            idle["state"]!["balance"]!.GetValue<decimal>().Should().Be(10);

            var next = await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(5) });
            next["sequence"]!.GetValue<long>().Should().Be(3, "the new activation continues the entity's sequence");
            var account = await api.GetAsync("accounts", id);
            account!["version"]!.GetValue<long>().Should().Be(3);
            account["state"]!["balance"]!.GetValue<decimal>().Should().Be(15);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task A_new_activation_continues_past_the_head_checkpoint_that_lags_behind_the_stored_signals()
    {
        try
        {
            var id = DaprAppFixture.UniqueId("checkpoint");
            await api.ApplyAsync("accounts", id, "open", new { owner = "Cid", currency = "EUR" });
            for (var n = 2; n <= 20; n++)
            {
                await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(1) });
            }

            await WaitUntilAsync(async () => await ActiveAccountActorsAsync() == 0, TimeSpan.FromSeconds(30));
            using var sidecar = fixture.Environment.CreateDaprClient();
            var head = await sidecar.GetFromJsonAsync<JsonObject>($"v1.0/state/entitystore/accounts-{id}:head");
            head!["nextSequence"]!.GetValue<long>().Should().Be(17,
                "the head is written only when it passes a multiple of 16, one row less for every other turn; 17-20 were stored without it");

            var next = await api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(1) });
            next["sequence"]!.GetValue<long>().Should().Be(21, "the new activation finds the signals stored after the checkpoint");
            var account = await api.GetAsync("accounts", id);
            account!["version"]!.GetValue<long>().Should().Be(21);
            account["state"]!["balance"]!.GetValue<decimal>().Should().Be(20);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    private async Task<int> ActiveAccountActorsAsync()
    {
        using var sidecar = fixture.Environment.CreateDaprClient();
        var metadata = (await sidecar.GetFromJsonAsync<JsonObject>("v1.0/metadata"))!;
        // The sidecar leaves "count" out while it is 0.
        return metadata["actorRuntime"]!["activeActors"]!.AsArray()
            .Where(actor => actor!["type"]!.GetValue<string>() == "AccountActor")
            .Select(actor => actor!["count"]?.GetValue<int>() ?? 0)
            .SingleOrDefault();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.Should().BeLessThan(timeout, "the condition should hold by then");
            await Task.Delay(200);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        api.Http.Dispose();
        return Task.CompletedTask;
    }
}
