using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;

namespace EntityActors.App.ReadModel;

/// <summary>
/// Feeds the read model from the relay of each entity whose writer lives in this replica, right after its events are
/// published: one refresh per published batch, for its latest signal. The row is then read from the writer's memory (see
/// <see cref="ReadModelWriter"/>), so a batch repeated after a crash ends in the same row.
/// </summary>
public sealed class ReadModelFeed(ReadModelWriter writer) : IAppliedSignalsProjection
{
    public Task ProjectAsync(EntityAddress address, IReadOnlyList<AppliedSignal> signals, CancellationToken cancellationToken) =>
        // The lag runs from the oldest change this refresh makes visible.
        writer.RefreshAsync(address, signals.Max(applied => applied.Outcome.Sequence), signals.Min(applied => applied.Outcome.At), cancellationToken);
}
