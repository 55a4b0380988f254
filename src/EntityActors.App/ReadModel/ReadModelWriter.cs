using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Storage;

namespace EntityActors.App.ReadModel;

/// <summary>
/// Keeps an entity's row in step with the entity. Fed by its domain events, but it does not rebuild state from them:
/// it reads the entity's current view (what <c>GET /{kind}/{id}</c> answers, from memory while the entity's actor lives in
/// this replica) and stores it when newer than the row. So an event is only a nudge: duplicates, reordering, a lost event
/// followed by a later one, and rejected signals (which publish nothing) all end in the same row, and an event whose
/// entity was deleted meanwhile finds nothing to store.
/// </summary>
public sealed class ReadModelWriter(
    ReadModelStore store, EntityReader reader, EntityProjections projections, ReadModelMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Brings the row of <paramref name="address"/> up to its entity, unless it already holds
    /// <paramref name="sequence"/> or later (then no read at all: a burst of events of one entity costs one read per batch).
    /// <paramref name="changedAt"/>, when the event says when its change was applied, is what the lag is measured from.
    /// </summary>
    public async Task RefreshAsync(EntityAddress address, long? sequence, DateTimeOffset? changedAt, CancellationToken cancellationToken)
    {
        if (sequence is { } wanted && await store.SequenceOfAsync(address, cancellationToken) >= wanted)
        {
            metrics.Count(address.Kind, "current");
            return;
        }

        var observedAt = time.GetUtcNow();
        var view = await reader.GetAsync<JsonElement>(address, cancellationToken);
        if (view is null)
        {
            metrics.Count(address.Kind, "missing");
            return;
        }

        await StoreAsync(view, observedAt, UpsertMode.Newer, cancellationToken, changedAt);
    }

    /// <summary>
    /// Stores <paramref name="view"/>, read at <paramref name="observedAt"/>, when <paramref name="mode"/> lets it replace the
    /// row; the lag is recorded from <paramref name="changedAt"/> when given (the oldest change this store makes visible).
    /// </summary>
    public async Task<bool> StoreAsync(
        EntityView<JsonElement> view, DateTimeOffset observedAt, UpsertMode mode, CancellationToken cancellationToken, DateTimeOffset? changedAt = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!projections.TryGet(view.Kind, out var projection))
        {
            return false;
        }

        var projected = projection.Project(view.State);
        var row = new EntityRow(
            view.Kind, view.Id, projected.Status, view.Version, view.Sequence, view.LastChangedAt,
            projected.Balance, projected.Available, projected.Summary, view.State.GetRawText());
        if (await store.UpsertAsync(row, observedAt, mode, cancellationToken) is not { } position)
        {
            metrics.Count(view.Kind, "current");
            return false;
        }

        metrics.AtPosition(position);
        metrics.Stored(view.Kind, changedAt is { } changed ? time.GetUtcNow() - changed : null);
        return true;
    }
}
