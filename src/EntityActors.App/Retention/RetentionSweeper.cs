using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Retention;

/// <summary>
/// Purges ended entities past their retention: every <see cref="RetentionOptions.SweepInterval"/> it asks the read model
/// for entities in an ended status (closed accounts, checked-out or expired carts) not changed for
/// <see cref="RetentionOptions.EndedEntityRetention"/>, and deletes each through its actor. Every replica sweeps; a
/// delete of an entity another replica already deleted finds nothing. Also forgets the read model's old tombstones.
/// </summary>
public sealed partial class RetentionSweeper(
    ReadModelStore store,
    EntityProjections projections,
    EntityDeleter deleter,
    IOptions<RetentionOptions> options,
    IOptions<ReadModelOptions> readModel,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>One sweep; answers how many entities it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.SweepTombstonesAsync(now - readModel.Value.TombstoneRetention, cancellationToken);
        if (!options.Value.PurgeEndedEntities)
        {
            return 0;
        }

        var deleted = 0;
        foreach (var projection in projections.All.Where(p => p.EndedStatuses.Count > 0))
        {
            var page = await store.ListAsync(
                new EntityListQuery(projection.Kind, options.Value.SweepBatchSize, projection.EndedStatuses, IdleSince: now - options.Value.EndedEntityRetention),
                cancellationToken);
            foreach (var row in page.Rows)
            {
                var address = new EntityAddress(row.Kind, row.Id);
                try
                {
                    if (await deleter.DeleteAsync(address, cancellationToken) is { Existed: true, Refused: null })
                    {
                        deleted++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogNotPurged(address.ToString(), ex);
                }
            }
        }

        if (deleted > 0)
        {
            LogPurged(deleted, options.Value.EndedEntityRetention);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Retention purged {Count} ended entities unchanged for {Retention}")]
    private partial void LogPurged(int count, TimeSpan retention);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Warning, Message = "Retention could not purge {Entity}; the next sweep retries")]
    private partial void LogNotPurged(string entity, Exception exception);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Warning, Message = "Retention sweep failed; the next sweep retries")]
    private partial void LogSweepFailed(Exception exception);
}
