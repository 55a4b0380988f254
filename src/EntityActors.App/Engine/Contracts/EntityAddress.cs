namespace EntityActors.App.Engine.Contracts;

/// <summary>Which entity: its kind (<c>carts</c>, <c>accounts</c>, <c>inventory-items</c>) and its id.</summary>
public readonly record struct EntityAddress(string Kind, string Id)
{
    /// <summary>The workflow instance id of this entity; kinds never contain a '-'-suffixed twin, so it is unambiguous.</summary>
    public string InstanceId => $"{Kind}-{Id}";

    public string SignalId(long sequence) => $"{InstanceId}:{sequence}";

    public string HeadKey => $"{InstanceId}:head";

    public string IdempotencyKey(string key) => $"{InstanceId}:key:{key}";

    public string EnvelopeKey(long sequence) => $"{InstanceId}:signal:{sequence}";

    public string OutcomeKey(long sequence) => $"{InstanceId}:outcome:{sequence}";

    public override string ToString() => $"{Kind}/{Id}";
}
