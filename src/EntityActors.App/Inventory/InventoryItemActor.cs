using Dapr.Actors.Runtime;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Inventory;

/// <summary>Single writer of one inventory item's signal intake; see <see cref="EntityActor{TEntity, TState, TSignal, TEvent}"/>.</summary>
public sealed class InventoryItemActor(ActorHost host, EntityActorServices services)
    : EntityActor<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent>(host, services)
{
    protected override string WorkflowName => nameof(InventoryItemWorkflow);
}
