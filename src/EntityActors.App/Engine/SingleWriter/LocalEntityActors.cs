using System.Collections.Concurrent;
using EntityActors.App.Engine.Intake;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The entity actors activated in this process, by workflow instance id, from activation to deactivation. While
/// an entity's actor lives here, the <see cref="SignalGateway"/> hands its signals to the activation directly
/// instead of a round trip through the sidecar that placement would route straight back to this process.
/// </summary>
public sealed class LocalEntityActors
{
    private readonly ConcurrentDictionary<string, ILocalEntityActor> active = new(StringComparer.Ordinal);

    public void Activated(string instanceId, ILocalEntityActor actor) => active[instanceId] = actor;

    /// <summary>Forgets <paramref name="actor"/>, not a newer activation of the same entity that replaced it.</summary>
    public void Deactivated(string instanceId, ILocalEntityActor actor) =>
        active.TryRemove(new KeyValuePair<string, ILocalEntityActor>(instanceId, actor));

    public bool TryGet(string instanceId, out ILocalEntityActor actor) => active.TryGetValue(instanceId, out actor!);

    /// <summary>
    /// Hands <paramref name="request"/> to the entity's activation in this process, in its turn; null where none is
    /// active here or it declines (see <see cref="ILocalEntityActor.TrySubmitInProcessAsync"/>).
    /// </summary>
    public async Task<SubmitResponse?> TrySubmitAsync(string instanceId, SubmitRequest request) =>
        TryGet(instanceId, out var actor) ? await actor.TrySubmitInProcessAsync(request) : null;

    /// <summary>How many entity actors are active in this process.</summary>
    public int Count => active.Count;
}
