using EntityActors.LocalRuntime;
using Npgsql;

namespace EntityActors.App.Tests.Support;

/// <summary>
/// One real PostgreSQL server (Debian's <c>postgresql</c> in a data folder of its own; <c>.ci/run</c> installs it and its
/// absence fails the tests) for every test class of <see cref="PostgresServerCollection"/>, which run one after another
/// on it: each keeps to its own tables or its own application name.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private LocalPostgres? postgres;
    private NpgsqlDataSource? source;

    public string ConnectionString => Postgres.ConnectionString;

    /// <summary>The tests' own connections, e.g. to look at <c>pg_stat_activity</c> or lock a table.</summary>
    public NpgsqlDataSource Source => source ?? throw new InvalidOperationException("PostgreSQL did not start.");

    private LocalPostgres Postgres => postgres ?? throw new InvalidOperationException("PostgreSQL did not start.");

    public async Task InitializeAsync()
    {
        postgres = await LocalPostgres.StartAsync();
        source = NpgsqlDataSource.Create(postgres.ConnectionString);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (source is not null)
        {
            await source.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
