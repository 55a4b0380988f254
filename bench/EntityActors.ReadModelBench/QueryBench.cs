using System.Diagnostics;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using EntityActors.LocalRuntime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.ReadModelBench;

/// <summary>List queries over a filled read model, through the app's own store, on SQLite and on PostgreSQL.</summary>
public static class QueryBench
{
    private const int Rounds = 400;

    /// <param name="preparedStatements">PostgreSQL statements kept prepared per write connection (the read model's option; 0: none).</param>
    public static async Task RunAsync(int entities, int preparedStatements, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("entityactors-readmodel-bench-").FullName;
        try
        {
            await MeasureAsync(new ReadModelOptions { SqlitePath = Path.Combine(folder, "readmodel.db") }, "SQLite", entities, output, cancellationToken);
            SqliteConnection.ClearAllPools();
            await using var postgres = await LocalPostgres.StartAsync(cancellationToken: cancellationToken);
            await MeasureAsync(
                new ReadModelOptions { Provider = ReadModelProvider.Postgres, PostgresConnectionString = postgres.ConnectionString, PostgresPreparedStatements = preparedStatements },
                $"PostgreSQL ({preparedStatements} prepared)", entities, output, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(ReadModelOptions options, string name, int entities, TextWriter output, CancellationToken cancellationToken)
    {
        await using var database = ReadModelDatabase.Create(options);
        await new ReadModelMigrator(database, NullLogger<ReadModelMigrator>.Instance).MigrateAsync(cancellationToken);
        var store = new ReadModelStore(database);
        var fill = Stopwatch.StartNew();
        await FillAsync(store, entities, cancellationToken);
        output.WriteLine($"{name}: {entities:N0} entities stored in {fill.Elapsed.TotalSeconds:0.0} s ({entities / fill.Elapsed.TotalSeconds:N0} upserts/s, one transaction each)");
        await AnalyzeAsync(database, cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var deep = await CursorAfterPagesAsync(store, new EntityListQuery("accounts", 50), 20, cancellationToken);
        (string Label, EntityListQuery Query)[] queries =
        [
            ("accounts, first page of 50", new EntityListQuery("accounts", 50)),
            ("accounts, page 21 by cursor", new EntityListQuery("accounts", 50, After: deep)),
            ("accounts status=closed", new EntityListQuery("accounts", 50, ["closed"])),
            ("accounts minBalance..maxBalance", new EntityListQuery("accounts", 50, MinBalance: 1_000, MaxBalance: 2_000)),
            ("inventory-items belowStock=10", new EntityListQuery("inventory-items", 50, BelowStock: 10)),
            ("carts status=open idleFor=PT1H", new EntityListQuery("carts", 50, ["open"], IdleSince: now.AddHours(-1))),
        ];
        foreach (var (label, query) in queries)
        {
            var samples = new List<double>(Rounds);
            for (var round = 0; round < Rounds + 20; round++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.ListAsync(query, cancellationToken);
                if (round >= 20)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            output.WriteLine($"{name}: {label,-36} {Percentiles.Of(samples)}");
        }
    }

    /// <summary>
    /// Gathers the planner's statistics, as autovacuum (PostgreSQL) would soon after such a fill: without them PostgreSQL
    /// planned the cursor's page for 52 rows of 2,999 and sorted them all.
    /// </summary>
    private static async Task AnalyzeAsync(ReadModelDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task FillAsync(ReadModelStore store, int entities, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var origin = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < entities; i++)
        {
            var changed = origin.AddSeconds(random.Next(0, 30 * 24 * 3600));
            var row = (i % 10) switch
            {
                < 4 => Account(i, random, changed),
                < 7 => Cart(i, random, changed),
                _ => Item(i, random, changed),
            };
            await store.UpsertAsync(row, DateTimeOffset.UtcNow, UpsertMode.Newer, cancellationToken);
        }
    }

    private static EntityRow Account(int i, Random random, DateTimeOffset changed)
    {
        var balance = Math.Round((decimal)random.NextDouble() * 10_000, 2);
        var status = random.Next(10) == 0 ? "closed" : "open";
        return new EntityRow("accounts", $"account-{i}", status, 12, 14, changed, (double)balance, null,
            Json(new { balance, available = balance, currency = "EUR", owner = $"Owner {i}" }),
            Json(new { status, owner = $"Owner {i}", currency = "EUR", balance, holds = new { }, held = 0, available = balance }));
    }

    private static EntityRow Cart(int i, Random random, DateTimeOffset changed)
    {
        var status = random.Next(4) switch { 0 => "checked-out", 1 => "expired", _ => "open" };
        var items = Enumerable.Range(0, random.Next(1, 5)).Select(n => new { sku = $"sku-{n}", quantity = n + 1, unitPrice = new { amount = 3.5m, currency = "EUR" } }).ToList();
        return new EntityRow("carts", $"cart-{i}", status, 5, 5, changed, null, null,
            Json(new { itemCount = items.Sum(x => x.quantity), lineCount = items.Count, total = new { amount = 10m, currency = "EUR" }, lastActivityAt = changed }),
            Json(new { status, items, currency = "EUR", checkoutAttempts = 0, lastActivityAt = changed }));
    }

    private static EntityRow Item(int i, Random random, DateTimeOffset changed)
    {
        var onHand = random.Next(0, 500);
        var available = onHand;
        return new EntityRow("inventory-items", $"item-{i}", available > 0 ? "in-stock" : "out-of-stock", 8, 8, changed, null, available,
            Json(new { onHand, reserved = 0, available }), Json(new { onHand, reservations = new { }, reserved = 0, available }));
    }

    private static async Task<ListCursor> CursorAfterPagesAsync(ReadModelStore store, EntityListQuery query, int pages, CancellationToken cancellationToken)
    {
        ListCursor? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            var next = (await store.ListAsync(query with { After = cursor }, cancellationToken)).NextCursor;
            cursor = next is not null && ListCursor.TryDecode(next, out var decoded) ? decoded : cursor;
        }

        return cursor!.Value;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, EntityJson.Options);
}
