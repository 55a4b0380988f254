using EntityActors.EndToEnd.Tests.Operations;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.PostgreSQL;

/// <summary>
/// The app with its read model on PostgreSQL, as the production overlay runs it, on a throwaway <see cref="LocalPostgres"/>
/// (Debian's <c>postgresql</c>; <c>.ci/run</c> installs it, and its absence fails these tests). Ended entities are purged
/// after <see cref="Retention"/>, swept every second, so a test can watch retention happen.
/// </summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);

    private readonly ProcessLog postgresLog = new(300);
    private LocalPostgres? postgres;
    private OperationsEnvironment? operations;

    public LocalDaprEnvironment Environment =>
        (operations ?? throw new InvalidOperationException("The environment did not start.")).Environment;

    public async Task InitializeAsync()
    {
        postgres = await LocalPostgres.StartAsync(postgresLog.Add);
        operations = await OperationsEnvironment.StartAsync((binaries, log) => new()
        {
            DaprBinDirectory = binaries,
            Log = log,
            AppEnvironment =
            {
                ["EntityActors__ReadModel__Provider"] = "Postgres",
                ["EntityActors__ReadModel__PostgresConnectionString"] = postgres.ConnectionString,
                ["EntityActors__Retention__EndedEntityRetention"] = Retention.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                ["EntityActors__Retention__SweepInterval"] = "00:00:01",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (operations is not null)
        {
            await operations.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    public void DumpLogs(ITestOutputHelper output)
    {
        operations?.DumpLogs(output);
        postgresLog.DumpTo(output);
    }
}

/// <summary>The tests of <see cref="PostgresAppFixture"/>, never beside another collection's timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "dapr-postgres";
}
