using EntityActors.App.ReadModel;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using EntityActors.App.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.ReadModel;

/// <summary>
/// The read model's statements on a real PostgreSQL (<see cref="PostgresServer"/>): what the server keeps prepared for the
/// sessions the writes and the lists ran on.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class PostgresReadModelStoreTests(PostgresServer server)
{
    [Theory]
    [InlineData(32, 1)]
    [InlineData(0, 0)]
    public async Task The_upsert_is_prepared_on_the_server_once_used_twice_unless_turned_off(int preparedStatements, long expected)
    {
        await using var database = await CreateAsync(preparedStatements);
        var store = new ReadModelStore(database);

        for (var i = 0; i < 3; i++)
        {
            await store.UpsertAsync(Account($"prepared-{preparedStatements}-{i}"), DateTimeOffset.UtcNow, UpsertMode.Newer, CancellationToken.None);
        }

        await using var connection = await database.OpenForWritesAsync(CancellationToken.None);
        (await PreparedAsync(connection, "INSERT INTO")).Should().Be(expected);
    }

    [Fact]
    public async Task Lists_are_planned_for_the_values_asked_for_never_from_a_prepared_generic_plan()
    {
        await using var database = await CreateAsync(32);
        var store = new ReadModelStore(database);
        await store.UpsertAsync(Account("listed"), DateTimeOffset.UtcNow, UpsertMode.Newer, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            (await store.ListAsync(new EntityListQuery("accounts", 50), CancellationToken.None)).Rows.Should().NotBeEmpty();
        }

        await using var connection = await database.OpenAsync(CancellationToken.None);
        (await PreparedAsync(connection, "SELECT")).Should().Be(0, "a generic plan for 'below a stock level' scans by recency instead of by level");
    }

    /// <summary>A migrated read model whose pools hold one connection each, so a look at a session sees what ran before on it.</summary>
    private async Task<ReadModelDatabase> CreateAsync(int preparedStatements)
    {
        var database = ReadModelDatabase.Create(new ReadModelOptions
        {
            Provider = ReadModelProvider.Postgres,
            PostgresConnectionString = $"{server.ConnectionString};Maximum Pool Size=1",
            PostgresPreparedStatements = preparedStatements,
        });
        await new ReadModelMigrator(database, NullLogger<ReadModelMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    private static async Task<long> PreparedAsync(System.Data.Common.DbConnection connection, string statement)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pg_prepared_statements WHERE statement ILIKE '%{statement}%' AND statement NOT ILIKE '%pg_prepared_statements%'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static EntityRow Account(string id) =>
        new("accounts", id, "open", 1, 1, DateTimeOffset.UtcNow, 10, null, """{"balance":10}""", """{"status":"open","balance":10}""");
}
