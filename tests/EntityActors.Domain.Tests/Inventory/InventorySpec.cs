using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Inventory;

internal static class InventorySpec
{
    public static Spec<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent> Given(params InventoryItemEvent[] history) =>
        new(history, new EntityContext("sku-123", Clock.T1));
}
