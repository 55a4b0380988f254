using Dapr.Actors;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The single writer of an entity. Placement guarantees one activation per entity across replicas, and turns are
/// serialized, so deduplication, sequence numbers, decisions and signal-with-start need no locks and no races.
/// </summary>
public interface IEntityActor : IActor
{
    /// <summary>Stores and decides the submitted signals; answers each with its receipt and outcome.</summary>
    Task<SubmitResponse> SubmitAsync(SubmitRequest request);

    /// <summary>The entity as decided through its last stored signal.</summary>
    Task<ReadResponse> ReadAsync();

    /// <summary>
    /// Erases the entity entirely (<see cref="Retention.EntityEraser"/>) as one turn, so no signal is stored while it runs;
    /// the next signal starts a new entity.
    /// </summary>
    Task<Retention.EraseResponse> EraseAsync();
}
