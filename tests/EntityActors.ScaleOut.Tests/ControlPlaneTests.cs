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
    public async Task Scheduler_killed_and_restarted_still_fires_cart_expiry_and_redelivery_and_answers_resume_within_the_target()
    {
        try
        {
            using var app = fixture.Replicas[0].CreateAppClient();
            var cart = ScaleOutFixture.UniqueId("expiring");
            var item = ScaleOutFixture.UniqueId("steady");
            var stranded = ScaleOutFixture.UniqueId("stranded");
            await EntityReads.ApplyAsync(app, "carts", cart, "add-item", new { sku = "tea", quantity = 1, unitPrice = new { amount = 3m, currency = "EUR" } });
            await EntityReads.ApplyAsync(app, "inventory-items", item, "restock", new { quantity = 1 });

            await fixture.Topology.ControlPlane.KillSchedulerAsync();
            await fixture.Topology.ControlPlane.RestartSchedulerAsync();
            var restarted = Stopwatch.StartNew();
            var acknowledged = TimeSpan.Zero;
            var applied = TimeSpan.Zero;
            for (var n = 1; applied == TimeSpan.Zero && restarted.Elapsed < TimeSpan.FromSeconds(90); n++)
            {
                var attempt = await SignalClient.SendAsync(app, 0, "inventory-items", item, "restock", """{"quantity":1}""", $"{item}-{n}", waitSeconds: 1);
                acknowledged = acknowledged == TimeSpan.Zero && attempt.Kind == AnswerKind.Acknowledged ? restarted.Elapsed : acknowledged;
                applied = attempt.Detail.StartsWith("200", StringComparison.Ordinal) ? restarted.Elapsed : TimeSpan.Zero;
            }

            var strandedAck = await SignalClient.SendAsync(app, 0, "inventory-items", stranded, "restock", """{"quantity":1}""", $"{stranded}-1");
            var redelivered = await EntityReads.GetAsync(app, "inventory-items", stranded, minSequence: 1, waitSeconds: 60);
            var status = await WaitForCartStatusAsync(app, cart, "expired", ScaleOutFixture.CartExpiry + TimeSpan.FromSeconds(60));

            Report($"scheduler restarted: first signal acknowledged after {acknowledged.TotalSeconds:0.0} s, first applied (answered with Prefer: wait) after {applied.TotalSeconds:0.0} s");
            strandedAck.Kind.Should().Be(AnswerKind.Acknowledged, strandedAck.ToString());
            redelivered["sequence"]!.GetValue<long>().Should().Be(1, "the redelivery reminder, kept by the restarted scheduler, delivered the signal its lane gave up on");
            status.Should().Be("expired", "the cart's expiry timer survived the scheduler's restart");
            applied.Should().BePositive("signals are applied again after the scheduler's restart");
            applied.Should().BeLessThanOrEqualTo(SchedulerOutageTarget);
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
