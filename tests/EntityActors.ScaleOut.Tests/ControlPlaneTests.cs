using System.Diagnostics;
using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>Placement and the scheduler killed and started again under load, on three replicas on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ControlPlaneTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The target for the time entities go without answers after the scheduler restarts.</summary>
    public static readonly TimeSpan SchedulerOutageTarget = TimeSpan.FromSeconds(5);

    /// <summary>The bound on the time entities go without answers after placement is back.</summary>
    public static readonly TimeSpan PlacementOutageBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Placement_killed_and_restarted_under_load_loses_nothing_and_answers_resume()
    {
        try
        {
            await using var load = await SignalLoad.StartAsync(fixture, "placement", count: 24);
            await Task.Delay(TimeSpan.FromSeconds(2));

            await fixture.Topology.ControlPlane.KillPlacementAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var restartedAt = DateTime.UtcNow;
            await fixture.Topology.ControlPlane.RestartPlacementAsync();
            await Task.Delay(TimeSpan.FromSeconds(8));
            var (entity, silence) = load.LongestSilence(restartedAt, DateTime.UtcNow);
            await load.StopAsync();

            Report($"placement down 3 s, then back: after its restart the longest an entity went unanswered was {silence.TotalSeconds:0.00} s ({entity})");
            load.Attempts.Should().NotContain(attempt => attempt.Kind == AnswerKind.Unexpected);
            await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
            silence.Should().BeLessThanOrEqualTo(PlacementOutageBound);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    [Fact]
    public async Task Scheduler_killed_and_restarted_under_load_keeps_answering_within_the_target_and_still_fires_cart_expiry_and_redelivery()
    {
        try
        {
            using var app = fixture.Replicas[0].CreateAppClient();
            using var sidecar = fixture.Replicas[0].CreateDaprClient();
            var cart = ScaleOutFixture.UniqueId("expiring");
            var stranded = ScaleOutFixture.UniqueId("stranded");
            await EntityReads.ApplyAsync(app, "carts", cart, "add-item", new { sku = "tea", quantity = 1, unitPrice = new { amount = 3m, currency = "EUR" } });
            await EntityReads.ApplyAsync(app, "inventory-items", stranded, "restock", new { quantity = 1 });
            await using var load = await SignalLoad.StartAsync(fixture, "scheduled", count: 12);
            // Long enough for the stranded item's redelivery reminder to find it caught up and remove itself.
            await Task.Delay(ScaleOutFixture.RedeliveryInterval * 3);

            var killedAt = DateTime.UtcNow;
            await fixture.Topology.ControlPlane.KillSchedulerAsync();
            await fixture.Topology.ControlPlane.RestartSchedulerAsync();
            var restarted = Stopwatch.StartNew();
            // While the restarted scheduler is not serving yet: a signal whose raises fail twice (its lane gives up, and
            // its actor's reminder must be registered again), and a brand-new entity (its workflow cannot be scheduled yet).
            var strandedAck = await SignalClient.SendAsync(app, 0, "inventory-items", stranded, "restock", """{"quantity":1}""", $"{stranded}-2", timeout: TimeSpan.FromSeconds(30));
            var fresh = ScaleOutFixture.UniqueId("fresh");
            var freshAck = await SignalClient.SendAsync(app, 0, "inventory-items", fresh, "restock", """{"quantity":1}""", $"{fresh}-1", timeout: TimeSpan.FromSeconds(30));

            // The stranded signal reaches its workflow only through the reminder: the scheduler serves again once it has.
            var redelivered = await WorkflowReads.WaitForSequenceAsync(sidecar, "inventory-items", stranded, 2, TimeSpan.FromSeconds(90));
            var served = restarted.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (entity, silence) = load.LongestSilence(killedAt, DateTime.UtcNow);
            await load.StopAsync();
            var freshWorkflow = await WorkflowReads.WaitForSequenceAsync(sidecar, "inventory-items", fresh, 1, TimeSpan.FromSeconds(60));
            var status = await WaitForCartStatusAsync(app, cart, "expired", ScaleOutFixture.CartExpiry + TimeSpan.FromSeconds(60));

            Report($"scheduler killed and restarted: serving reminders again after {served.TotalSeconds:0.0} s; the longest an entity went unanswered was {silence.TotalSeconds:0.00} s ({entity}); "
                + $"a signal needing a new reminder answered in {strandedAck.Took.TotalSeconds:0.00} s, a new entity in {freshAck.Took.TotalSeconds:0.00} s");
            strandedAck.Kind.Should().Be(AnswerKind.Acknowledged, strandedAck.ToString());
            freshAck.Kind.Should().Be(AnswerKind.Acknowledged, freshAck.ToString());
            (redelivered?["sequence"]?.GetValue<long>()).Should().Be(2, "the redelivery reminder, registered once the scheduler served again, delivered the signal its lane gave up on");
            (freshWorkflow?["sequence"]?.GetValue<long>()).Should().Be(1, "the new entity's workflow is started once the scheduler serves again, with its first signal");
            status.Should().Be("expired", "the cart's expiry timer survived the scheduler's restart");
            load.Attempts.Should().NotContain(attempt => attempt.Kind == AnswerKind.Unexpected);
            await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
            silence.Should().BeLessThanOrEqualTo(SchedulerOutageTarget);
            strandedAck.Took.Should().BeLessThanOrEqualTo(SchedulerOutageTarget);
            freshAck.Took.Should().BeLessThanOrEqualTo(SchedulerOutageTarget);
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
    }

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => fixture.EnsureAllRunningAsync();

    private static async Task<string?> WaitForCartStatusAsync(HttpClient app, string cart, string wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < timeout && status != wanted)
        {
            await Task.Delay(250);
            status = (await EntityReads.GetAsync(app, "carts", cart))["state"]!["status"]!.GetValue<string>();
        }

        return status;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        fixture.Log(line);
    }
}
