using EntityActors.App.ReadModel.Storage;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary>
/// Migrates the read model's database before the app serves anything. A database created just now (a new file, a
/// new pod's scratch volume, a new PostgreSQL database) is then rebuilt from the entities in the background, retried
/// until the sidecar answers: events only tell of changes, so what changed before the database existed would be missing.
/// </summary>
public sealed partial class ReadModelStartup(
    ReadModelMigrator migrator,
    ReadModelRebuilder rebuilder,
    IOptions<ReadModelOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ReadModelStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Contains(ReadModelMigrations.All[0].Version) && options.Value.RebuildWhenCreated)
        {
            _ = Task.Run(() => RebuildAsync(lifetime.ApplicationStopping), CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var report = await rebuilder.Start();
            if (report.Error is null)
            {
                return;
            }

            LogRebuildRetry(report.Error);
            await Task.Delay(options.Value.RebuildRetryInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "The new read model's first rebuild failed ({Error}); retrying")]
    private partial void LogRebuildRetry(string error);

}
