using Dapr.Actors;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The single writer in front of an entity's workflow. Placement guarantees one activation per entity
/// across replicas, and turns are serialized, so deduplication, sequence numbers and signal-with-start
/// need no locks and no races.
/// </summary>
public interface IEntityActor : IActor
{
    Task<SubmitResponse> SubmitAsync(SubmitRequest request);

    /// <summary>
    /// Erases the entity entirely (<see cref="Retention.EntityEraser"/>) as one turn, so no signal is stored while it runs;
    /// the next signal starts a new entity.
    /// </summary>
    Task<Retention.EraseResponse> EraseAsync();
}
