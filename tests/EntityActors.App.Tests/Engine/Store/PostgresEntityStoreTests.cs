using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Store;
using EntityActors.App.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntityActors.App.Tests.Engine.Store;

/// <summary>
/// The app's own connections to PostgreSQL, on a real server (<see cref="PostgresServer"/>): which server processes its
/// calls land on, and what a server process that went away costs.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class PostgresEntityStoreTests(PostgresServer server) : IAsyncLifetime
{
    private const int Concurrent = 4;

    private const string Table = "entity_state";

    private readonly string application = $"store-test-{Guid.NewGuid():N}"[..24];
    private PostgresEntityStore? store;

    private PostgresEntityStore Store => store ??= new PostgresEntityStore(Options.Create(new EntityStoreOptions
    {
        PostgresConnectionString = $"{server.ConnectionString};Application Name={application}",
        PostgresTable = Table,
    }));

    [Fact]
    public async Task After_a_burst_a_quiet_caller_goes_on_through_one_warm_server_process()
    {
        await OpenConcurrentlyAsync();
        var quietSince = await server.ScalarAsync<DateTime>("SELECT clock_timestamp()");

        for (var i = 0; i < 20; i++)
        {
            await Store.SaveAsync($"quiet:{i}", i);
            (await Store.GetAsync($"quiet:{i}")).Json.Should().Be(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        (await BackendsAsync()).Should().Be(Concurrent, "the burst left its connections open");
        (await server.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state_change > $2", application, quietSince))
            .Should().Be(1, "calls one after another reuse the connection used last, not each idle one in turn");
    }

    [Fact]
    public async Task Server_processes_that_went_away_fail_one_call_and_the_next_ones_open_fresh_connections()
    {
        await OpenConcurrentlyAsync();
        await server.ScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", application);

        var failed = 0;
        for (var i = 0; i < Concurrent + 2; i++)
        {
            try
            {
                await Store.SaveAsync($"after:{i}", i);
            }
            catch (NpgsqlException)
            {
                failed++;
            }
        }

        failed.Should().BeLessThanOrEqualTo(1, "the first broken connection takes the other idle ones with it");
        (await Store.GetAsync($"after:{Concurrent + 1}")).Json.Should().Be((Concurrent + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_caller_that_finds_every_connection_in_use_for_the_timeout_is_refused_and_the_held_call_still_completes()
    {
        using var single = new PostgresEntityStore(Options.Create(new EntityStoreOptions
        {
            PostgresConnectionString = $"{server.ConnectionString};Application Name={application};Timeout=1",
            PostgresTable = Table,
            PostgresMaxConnections = 1,
        }));
        await using var blocker = await server.Source.OpenConnectionAsync();
        Task<(string? Json, string? ETag)> held;
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await LockTableAsync(transaction);

            held = single.GetAsync("held");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Bounded, so a wait without limit fails here (another message) instead of holding the lock forever.
            var refused = () => single.GetAsync("waiting").WaitAsync(TimeSpan.FromSeconds(10));

            (await refused.Should().ThrowAsync<TimeoutException>()).WithMessage("All 1 of this process's PostgreSQL connections stayed in use for 1 s.");
            System.Diagnostics.Stopwatch.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
            held.IsCompleted.Should().BeFalse("the table lock still holds the first call");
            await transaction.CommitAsync();
        }

        (await held).Json.Should().BeNull();
        (await single.GetAsync("after")).Json.Should().BeNull("the connection came back when the held call ended");
    }

    // The table as Dapr's state.postgresql (v2) component creates it.
    public Task InitializeAsync() => server.ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS {Table} (
            key text NOT NULL PRIMARY KEY,
            value bytea NOT NULL,
            etag uuid NOT NULL,
            created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at timestamp with time zone,
            expires_at timestamp with time zone
        )
        """);

    public Task DisposeAsync()
    {
        store?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Holds every statement on the table (reads too) until <paramref name="transaction"/> ends.</summary>
    private static async Task LockTableAsync(NpgsqlTransaction transaction)
    {
        await using var lockTable = new NpgsqlCommand($"LOCK TABLE {Table} IN ACCESS EXCLUSIVE MODE", transaction.Connection, transaction);
        await lockTable.ExecuteNonQueryAsync();
    }

    /// <summary>Has <see cref="Concurrent"/> reads in flight at once (held up by a lock on the table), so as many connections open.</summary>
    private async Task OpenConcurrentlyAsync()
    {
        await using var blocker = await server.Source.OpenConnectionAsync();
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await LockTableAsync(transaction);

            var reads = Enumerable.Range(0, Concurrent).Select(i => Store.GetAsync($"burst:{i}")).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await server.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", application) < Concurrent)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, $"{Concurrent} reads wait for the table lock");
                await Task.Delay(20);
            }

            await transaction.CommitAsync();
            await Task.WhenAll(reads);
        }

        (await BackendsAsync()).Should().Be(Concurrent);
    }

    private Task<long> BackendsAsync() =>
        server.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", application);
}
