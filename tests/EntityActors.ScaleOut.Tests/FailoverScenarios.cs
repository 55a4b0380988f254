using EntityActors.ScaleOut.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests;

/// <summary>
/// A whole replica or the store going away under load, on three replicas: every acknowledged signal is applied exactly
/// once. Run on both stores the manifests offer; the rolling restart and the app crash on PostgreSQL only (their outcome
/// does not depend on the store, and each costs the suite half a minute).
/// </summary>
public abstract class FailoverScenarios(ScaleOutFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long the dead replica's entities may go unanswered before the others take them (measured: see deploy/README.md).</summary>
    public static readonly TimeSpan ReplicaLossBound = TimeSpan.FromSeconds(10);

    /// <summary>The target for an app crashed behind a live sidecar, with daprd's app health checks on: what the median entity sees.</summary>
    public static readonly TimeSpan AppCrashTarget = TimeSpan.FromSeconds(3);

    /// <summary>
    /// What the slowest entity may see: two failed health probes a second apart, a writer call caught in the hand-over
    /// given up and made again after <c>Intake:WriterCallHedgeAfter</c> (1 s), then placement's new table and the first turn
    /// on the new host, which on a loaded machine take more than a second (measured: deploy/README.md).
    /// </summary>
    public static readonly TimeSpan AppCrashBound = TimeSpan.FromSeconds(5);

    protected static readonly TimeSpan Observe = TimeSpan.FromSeconds(8);

    protected ScaleOutFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    [Fact]
    public Task A_replica_killed_mid_stream_loses_no_acknowledged_signal_and_its_entities_answer_again_within_the_bound() => RunAsync(async () =>
    {
        await using var load = await SignalLoad.StartAsync(fixture, "killed", count: 24);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var killedAt = DateTime.UtcNow;
        await fixture.Replicas[2].KillAsync();
        await Task.Delay(Observe);
        var (entity, silence) = load.LongestSilence(killedAt, DateTime.UtcNow);
        var summary = load.SilenceSummary(killedAt, DateTime.UtcNow);
        await fixture.Replicas[2].StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await load.StopAsync();

        Report($"replica 3 killed: the longest an entity went unanswered was {silence.TotalSeconds:0.00} s ({entity}); per entity {summary}");
        load.Attempts.Should().NotContain(attempt => attempt.Kind == AnswerKind.Unexpected);
        await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
        (await fixture.ActiveActorsAsync("InventoryItemActor"))[2].Should().BePositive("placement gives the restarted replica its share again");
        silence.Should().BeLessThanOrEqualTo(ReplicaLossBound);
    });

    [Fact]
    public Task The_store_killed_and_restarted_keeps_every_acknowledged_signal_applied_once() => RunAsync(async () =>
    {
        await using var load = await SignalLoad.StartAsync(fixture, "store", count: 16);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var killedAt = DateTime.UtcNow;
        await KillStoreAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await RestartStoreAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        var (entity, silence) = load.LongestSilence(killedAt, DateTime.UtcNow);
        await load.StopAsync();

        Report($"store killed for 2 s: longest silence {silence.TotalSeconds:0.00} s ({entity})");
        load.Attempts.Should().NotContain(attempt => attempt.Kind == AnswerKind.Unexpected);
        await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
    });

    public Task InitializeAsync() => fixture.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task KillStoreAsync();

    protected abstract Task RestartStoreAsync();

    protected void Report(string line)
    {
        output.WriteLine(line);
        fixture.Log(line);
    }

    protected async Task RunAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            fixture.DumpLogs(output);
            throw;
        }
        finally
        {
            await fixture.EnsureAllRunningAsync();
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFailoverTests(PostgresFixture fixture, ITestOutputHelper output) : FailoverScenarios(fixture, output)
{
    [Fact]
    public Task A_rolling_restart_under_load_answers_only_retriable_refusals_and_loses_nothing() => RunAsync(async () =>
    {
        await using var load = await SignalLoad.StartAsync(fixture, "rolling", count: 24);
        var started = DateTime.UtcNow;
        foreach (var replica in Fixture.Replicas.ToList())
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await replica.StopAsync();
            await replica.StartAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var (entity, silence) = load.LongestSilence(started, DateTime.UtcNow);
        await load.StopAsync();

        var refusals = load.Attempts.Where(attempt => attempt.Kind != AnswerKind.Acknowledged).ToList();
        Report($"rolling restart: {refusals.Count} refusals out of {load.Attempts.Count} attempts ({string.Join(", ", refusals.GroupBy(attempt => attempt.Kind).Select(group => $"{group.Key} {group.Count()}"))}); longest silence {silence.TotalSeconds:0.00} s ({entity})");
        refusals.Should().OnlyContain(attempt => attempt.Kind == AnswerKind.RetryLater || attempt.Kind == AnswerKind.Refused || attempt.Kind == AnswerKind.ClosedUnanswered,
            "a SIGTERMed replica finishes what it took and then refuses connections (a connection that goes out as its port or a keep-alive connection closes ends unanswered, unread); its entities answer 503 with Retry-After until they move");
        await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
    });

    [Fact]
    public Task An_app_crash_behind_a_live_sidecar_hands_its_entities_over_within_the_bound() => RunAsync(async () =>
    {
        await using var load = await SignalLoad.StartAsync(fixture, "crashed", count: 24);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var crashedAt = DateTime.UtcNow;
        await Fixture.Replicas[1].KillAppAsync();
        await Task.Delay(Observe);
        var (entity, silence) = load.LongestSilence(crashedAt, DateTime.UtcNow);
        var summary = load.SilenceSummary(crashedAt, DateTime.UtcNow);
        var median = load.MedianSilence(crashedAt, DateTime.UtcNow);
        await Fixture.Replicas[1].RestartAppAsync();
        await load.StopAsync();

        Report($"app of replica 2 crashed (sidecar alive, app health checks on): longest silence {silence.TotalSeconds:0.00} s ({entity}); per entity {summary}");
        await load.ExpectEachAcknowledgedSignalAppliedOnceAsync();
        silence.Should().BeLessThanOrEqualTo(AppCrashBound);
        median.Should().BeLessThanOrEqualTo(AppCrashTarget);
    });

    protected override Task KillStoreAsync() => Fixture.Topology.Stores.Postgres!.KillAsync();

    protected override Task RestartStoreAsync() => Fixture.Topology.Stores.Postgres!.RestartAsync();
}

[Collection(RedisCollection.Name)]
public sealed class RedisFailoverTests(RedisFixture fixture, ITestOutputHelper output) : FailoverScenarios(fixture, output)
{
    protected override Task KillStoreAsync() => Fixture.Topology.Stores.Redis!.KillAsync();

    protected override Task RestartStoreAsync() => Fixture.Topology.Stores.Redis!.RestartAsync();
}
