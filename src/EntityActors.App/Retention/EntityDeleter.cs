using Dapr.Actors;
using Dapr.Actors.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.SingleWriter;

namespace EntityActors.App.Retention;

/// <summary>Deletes an entity by asking its actor, the single writer, to erase it in a turn of its own.</summary>
public sealed class EntityDeleter(IActorProxyFactory proxies, EntityCatalog catalog)
{
    /// <summary>True when the entity existed (and is now gone); false when there was nothing to delete.</summary>
    public async Task<bool> DeleteAsync(EntityAddress address, CancellationToken cancellationToken)
    {
        var proxy = proxies.Create(new ActorId(address.ActorId), catalog.Get(address.Kind).ActorType);
        var response = await proxy.InvokeMethodAsync<EraseResponse>(nameof(IEntityActor.EraseAsync), cancellationToken);
        return response.Existed;
    }
}
