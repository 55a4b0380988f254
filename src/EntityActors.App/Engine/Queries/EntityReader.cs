using System.Diagnostics;
using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Workflow;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Queries;

/// <summary>
/// Reads entities from their single writer, which holds everything acknowledged: in process when the writer lives
/// here, else through the sidecar (placement finds it in whichever replica). Should the writer be out of reach, the
/// entity's workflow status answers instead: possibly behind, never ahead.
/// </summary>
public sealed partial class EntityReader(
    IActorProxyFactory proxies,
    EntityCatalog catalog,
    LocalEntityActors writers,
    DaprWorkflowClient workflows,
    EntityChanges changes,
    IOptions<QueryOptions> options,
    ILogger<EntityReader> logger)
{
    public async Task<EntityView<TState>?> GetAsync<TState>(EntityAddress address, CancellationToken cancellationToken)
    {
        var view = await GetJsonAsync(address, cancellationToken);
        return view?.WithState(view.State.Deserialize<TState>(EntityJson.Options)!);
    }

    /// <summary>Waits (bounded) until the entity's view satisfies <paramref name="reached"/>; returns the latest view either way.</summary>
    public async Task<EntityView<TState>?> WaitUntilAsync<TState>(
        EntityAddress address, Func<EntityView<TState>, bool> reached, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Clamp(wait).TotalSeconds * Stopwatch.Frequency);
        var interval = options.Value.PollInterval;
        while (true)
        {
            var changed = changes.NextChangeAsync(address.InstanceId);
            var view = await GetAsync<TState>(address, cancellationToken);
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (view is null || reached(view) || remaining <= TimeSpan.Zero)
            {
                return view;
            }

            await Task.WhenAny(changed, Task.Delay(remaining < interval ? remaining : interval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * 1.5), options.Value.MaxPollInterval.Ticks));
        }
    }

    private async Task<EntityView<JsonElement>?> GetJsonAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        // Bounded like intake: a writer in a dead process, or behind a hung hop, leaves the answer to the workflow's status.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.WriterReadTimeout);
        try
        {
            return await ReadWriterAsync(address, bounded.Token).WaitAsync(bounded.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWriterUnreachable(ex, address.ToString());
            var state = await workflows.ReadWorkflowStateAsync(address.InstanceId, cancellationToken);
            return state is { Exists: true }
                ? state.ReadCustomStatusAs<EntityView<JsonElement>>() ?? state.ReadInputAs<EntityCheckpoint<JsonElement>>()?.ToView()
                : null;
        }
    }

    private async Task<EntityView<JsonElement>?> ReadWriterAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        if (writers.TryGet(address.InstanceId, out var local) && await local.TryReadInProcessAsync() is { } read)
        {
            return read.View;
        }

        var proxy = proxies.Create(new ActorId(address.ActorId), catalog.Get(address.Kind).ActorType);
        return (await proxy.InvokeMethodAsync<ReadResponse>(nameof(IEntityActor.ReadAsync), cancellationToken)).View;
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.Value.MaxWait ? options.Value.MaxWait : wait;

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "The writer of {Entity} could not be reached; answering from its workflow's status, which may be behind")]
    private partial void LogWriterUnreachable(Exception exception, string entity);
}
