using EntityActors.App.ReadModel.Storage;

namespace EntityActors.App.ReadModel;

/// <summary>Migrates the read model's database before the app serves anything.</summary>
public sealed class ReadModelStartup(ReadModelMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
