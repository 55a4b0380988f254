using System.Collections.Concurrent;
using System.Net;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>Processes die; acknowledged signals survive and are applied exactly once.</summary>
[Collection(DaprCollection.Name)]
public sealed class CrashRecoveryTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{

    [Fact]
    public async Task App_killed_mid_stream_and_restarted_applies_every_acknowledged_signal_exactly_once()
    {
        var id = DaprAppFixture.UniqueId("crash");
        const int Signals = 200;
        var acknowledged = new ConcurrentDictionary<int, bool>();
        using var stop = new CancellationTokenSource();

        var stream = Task.Run(async () =>
        {
            for (var n = 1; n <= Signals; n++)
            {
                try
                {
                    using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = n }, key: $"c-{n}");
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        acknowledged[n] = true;
                    }
                }
                catch (HttpRequestException)
                {
                    // The app is down: this one was not acknowledged.
                }
            }
        });
        await WaitUntilAsync(() => acknowledged.Count >= 60, TimeSpan.FromSeconds(60));
        await Fixture.Environment.KillAppAsync();
        var acknowledgedBeforeKill = acknowledged.Keys.ToHashSet();
        await Fixture.Environment.RestartAppAsync();
        await stream;

        // A client that got no acknowledgement retries with the same key: still at most once.
        foreach (var n in Enumerable.Range(1, Signals).Where(n => !acknowledged.ContainsKey(n)))
        {
            using var retry = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = n }, key: $"c-{n}");
            retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var item = await Api.GetAsync("inventory-items", id, minSequence: Signals, waitSeconds: 60);

        acknowledgedBeforeKill.Count.Should().BeGreaterThanOrEqualTo(60);
        item!["version"]!.GetValue<long>().Should().Be(Signals);
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(Signals * (Signals + 1) / 2, "each of the 200 quantities exactly once");
    }

    [Fact]
    public async Task A_signal_whose_lane_gave_up_is_raised_by_the_redelivery_reminder_without_any_retry()
    {
        var id = DaprAppFixture.UniqueId("stranded");
        // The first signal starts the workflow with itself in the input: no raise. The next one must be raised.
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "s-1");

        using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 7 }, key: "s-2");
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the signal is stored and decided; carrying it to the workflow is the relay's job");
        var item = await Api.GetAsync("inventory-items", id);
        item!["version"]!.GetValue<long>().Should().Be(2, "the writer decided it at intake");

        var status = await WorkflowStatus.WaitForSequenceAsync(Fixture.Environment, $"inventory-items-{id}", 2, TimeSpan.FromSeconds(30));
        status["version"]!.GetValue<long>().Should().Be(2);
        status["state"]!["onHand"]!.GetValue<int>().Should().Be(8, "the workflow applied the stranded signal to the same result");
        var lines = Fixture.LogLines;
        lines.Should().Contain(line => line.Contains($"Relay lane of inventory-items-{id} stops: 2 attempts in a row failed", StringComparison.Ordinal),
            "both raises of the lane failed and it gave up, so nothing but the reminder was left to deliver the signal");
        lines.Should().Contain(line => line.Contains($"Redelivery reminder of inventory-items-{id} resumes its signals up to sequence 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repeated_key_is_recognised_after_the_app_and_its_sidecar_restart()
    {
        var id = DaprAppFixture.UniqueId("restart");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Rae", currency = "EUR" }, key: "open-1");
        var deposit = await Api.ApplyAsync("accounts", id, "deposit", new { amount = EntityApiClient.Eur(25) }, key: "dep-1");

        await Fixture.Environment.KillAppAsync();
        await Fixture.Environment.KillSidecarAsync();
        await Fixture.Environment.RestartSidecarAsync();
        await Fixture.Environment.RestartAppAsync();
        var replayed = await Api.ApplyAsync("accounts", id, "deposit", new { amount = EntityApiClient.Eur(25) }, key: "dep-1");
        var next = await Api.ApplyAsync("accounts", id, "deposit", new { amount = EntityApiClient.Eur(5) }, key: "dep-2");

        replayed["duplicate"]!.GetValue<bool>().Should().BeTrue();
        replayed["version"]!.GetValue<long>().Should().Be(deposit["version"]!.GetValue<long>());
        next["version"]!.GetValue<long>().Should().Be(3);
        next["entity"]!["state"]!["balance"]!.GetValue<decimal>().Should().Be(30);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", timeout);
            await Task.Delay(20);
        }
    }
}
