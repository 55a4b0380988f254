using Dapr.Actors;
using Dapr.Actors.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.SingleWriter;

namespace EntityActors.App.Retention;

/// <summary>Deletes an entity by asking its actor, the single writer, to erase it in a turn of its own.</summary>
public sealed class EntityDeleter(IActorProxyFactory proxies, EntityCatalog catalog)
{
    /// <summary>Whether the entity existed (and is now gone), or why it may not be deleted now.</summary>
    public async Task<EraseResponse> DeleteAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        var proxy = proxies.Create(new ActorId(address.ActorId), catalog.Get(address.Kind).ActorType);
        return await proxy.InvokeMethodAsync<EraseResponse>(nameof(IEntityActor.EraseAsync), cancellationToken);
    }
}
