using EntityActors.App.ReadModel;
using EntityActors.App.ReadModel.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Support;

/// <summary>A read model in a SQLite file of its own, migrated, deleted on dispose.</summary>
internal sealed class TemporaryReadModel : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("entityactors-readmodel-").FullName;

    private TemporaryReadModel()
    {
        Database = ReadModelDatabase.Create(new ReadModelOptions { SqlitePath = Path.Combine(folder, "readmodel.db") });
        Migrator = new ReadModelMigrator(Database, NullLogger<ReadModelMigrator>.Instance);
        Store = new ReadModelStore(Database);
    }

    public ReadModelDatabase Database { get; }

    public ReadModelMigrator Migrator { get; }

    public ReadModelStore Store { get; }

    public static async Task<TemporaryReadModel> CreateAsync(bool migrate = true)
    {
        var model = new TemporaryReadModel();
        if (migrate)
        {
            await model.Migrator.MigrateAsync(CancellationToken.None);
        }

        return model;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
