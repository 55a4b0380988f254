namespace EntityActors.App.Engine.Contracts;

/// <summary>Which entity: its kind (<c>carts</c>, <c>accounts</c>, <c>inventory-items</c>) and its id.</summary>
public readonly record struct EntityAddress(string Kind, string Id)
{
    /// <summary>The workflow instance id of this entity; kinds never contain a '-'-suffixed twin, so it is unambiguous.</summary>
    public string InstanceId => $"{Kind}-{Id}";

    /// <summary>
    /// The id of the entity's actor, its single writer: the workflow's instance id. Placement hashes an actor by its id
    /// alone, each type on a ring of the same replicas, so the writer and the workflow actor of one entity live in the
    /// same replica: the writer's raises and the lane's status reads stay in that replica's sidecar, and the lane hears of
    /// the workflow's episodes from its own worker.
    /// </summary>
    public string ActorId => InstanceId;

    /// <summary>The entity whose actor of <paramref name="kind"/> has id <paramref name="actorId"/>.</summary>
    public static EntityAddress FromActorId(string kind, string actorId) =>
        new(kind, actorId.StartsWith(kind + "-", StringComparison.Ordinal) ? actorId[(kind.Length + 1)..] : actorId);

    public string SignalId(long sequence) => $"{InstanceId}:{sequence}";

    public string HeadKey => $"{InstanceId}:head";

    public string IdempotencyKey(string key) => $"{InstanceId}:key:{key}";

    public string EnvelopeKey(long sequence) => $"{InstanceId}:signal:{sequence}";

    public string OutcomeKey(long sequence) => $"{InstanceId}:outcome:{sequence}";

    public override string ToString() => $"{Kind}/{Id}";
}
