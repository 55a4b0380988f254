namespace EntityActors.App.Engine.SingleWriter;

/// <summary>An entity actor activation that serves its own process without a sidecar round trip.</summary>
public interface ILocalEntityActor
{
    /// <summary>
    /// The same turn as <see cref="IEntityActor.SubmitAsync"/>, serialized with the calls the sidecar routes here;
    /// null when this activation cannot take it and the caller must go through the sidecar (deactivated, the store
    /// cannot refuse a second writer, or the sidecar has not seen a call for long enough to deem the actor idle).
    /// </summary>
    Task<SubmitResponse?> TrySubmitInProcessAsync(SubmitRequest request);

    /// <summary>What <see cref="IEntityActor.ReadAsync"/> answers, without a turn once loaded; null when deactivated.</summary>
    Task<ReadResponse?> TryReadInProcessAsync();

    /// <summary>The entity's workflow decided a signal otherwise: reload from it before the next decision.</summary>
    void Reload();
}
