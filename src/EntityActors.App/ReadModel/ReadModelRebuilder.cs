using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Http;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Storage;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary>
/// Rebuilds the read model from the entities themselves: every entity workflow the sidecar lists, its current view
/// (the same view <c>GET /{kind}/{id}</c> answers), stored over whatever row the read model held; then the rows no
/// entity refreshed are removed (their entities are gone). Not from the stored envelopes and outcome records: those
/// expire with the idempotency retention, and replaying them would decide again with today's clock, whereas the
/// workflow's view is the entity's truth. Runs beside the consumer: a row it writes meanwhile is newer and stays.
/// </summary>
public sealed partial class ReadModelRebuilder(
    DaprWorkflowClient workflows,
    EntityReader reader,
    ReadModelWriter writer,
    ReadModelStore store,
    EntityProjections projections,
    IOptions<ReadModelOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ReadModelRebuilder> logger)
{
    private readonly Lock gate = new();
    private Progress? progress;
    private Task? running;

    /// <summary>Starts a rebuild in the background unless one is running; either way answers how it ends.</summary>
    public Task<RebuildReport> Start()
    {
        lock (gate)
        {
            if (running is { IsCompleted: false } && progress is { } current)
            {
                return running.ContinueWith(_ => current.Report(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            var started = new Progress(time.GetUtcNow());
            progress = started;
            running = Task.Run(() => RunAsync(started, lifetime.ApplicationStopping));
            return running.ContinueWith(_ => started.Report(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public async Task<ReadModelStatus> StatusAsync(CancellationToken cancellationToken) =>
        new(store.Provider, await store.PositionAsync(cancellationToken), progress?.Report());

    /// <summary>The rebuild itself; completes when it is done.</summary>
    public async Task<RebuildReport> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = new Progress(time.GetUtcNow());
        await RunAsync(started, cancellationToken);
        return started.Report();
    }

    private async Task RunAsync(Progress run, CancellationToken cancellationToken)
    {
        try
        {
            var startPosition = await store.PositionAsync(cancellationToken);
            string? continuation = null;
            do
            {
                var page = await workflows.ListInstanceIdsAsync(continuation, options.Value.RebuildPageSize, cancellationToken);
                foreach (var instanceId in page.InstanceIds)
                {
                    if (EntityOf(instanceId) is not { } address)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref run.Entities);
                    var observedAt = time.GetUtcNow();
                    var view = await reader.GetAsync<JsonElement>(address, cancellationToken);
                    if (view is not null && await writer.StoreAsync(view, observedAt, UpsertMode.Rebuild(startPosition), cancellationToken))
                    {
                        Interlocked.Increment(ref run.Stored);
                    }
                }

                continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
            }
            while (continuation is not null);

            run.Removed = await store.RemoveUnwrittenSinceAsync(startPosition, cancellationToken);
            LogRebuilt(run.Entities, run.Stored, run.Removed);
        }
        catch (Exception ex)
        {
            run.Error = ex.Message;
            LogRebuildFailed(ex);
            if (!ReferenceEquals(run, progress))
            {
                throw;
            }
        }
        finally
        {
            run.FinishedAt = time.GetUtcNow();
        }
    }

    /// <summary>The entity an instance id belongs to; null for other workflows (checkouts).</summary>
    private EntityAddress? EntityOf(string instanceId)
    {
        // The longest kind that prefixes the id wins, should one kind ever be a prefix of another.
        foreach (var kind in projections.All.Select(p => p.Kind).OrderByDescending(k => k.Length))
        {
            if (instanceId.StartsWith(kind + "-", StringComparison.Ordinal))
            {
                var id = instanceId[(kind.Length + 1)..];
                return EntityIds.IsValid(id) ? new EntityAddress(kind, id) : null;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Read model rebuilt: {Entities} entities, {Stored} rows stored, {Removed} removed")]
    private partial void LogRebuilt(long entities, long stored, long removed);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Read model rebuild failed")]
    private partial void LogRebuildFailed(Exception exception);

    private sealed class Progress(DateTimeOffset startedAt)
    {
        public long Entities;
        public long Stored;
        public long Removed;

        public DateTimeOffset? FinishedAt { get; set; }

        public string? Error { get; set; }

        public RebuildReport Report() =>
            new(startedAt, FinishedAt, FinishedAt is null, Interlocked.Read(ref Entities), Interlocked.Read(ref Stored), Interlocked.Read(ref Removed), Error);
    }
}
