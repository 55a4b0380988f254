using EntityActors.App.Accounts;
using EntityActors.App.Carts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Inventory;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Tests.Support;

internal static class Descriptors
{
    public static readonly EntityDescriptor Accounts =
        EntityDescriptor.For<Account, AccountState, AccountSignal, AccountEvent, AccountActor, AccountWorkflow>();

    public static readonly EntityDescriptor Carts =
        EntityDescriptor.For<Cart, CartState, CartSignal, CartEvent, CartActor, CartWorkflow>();

    public static readonly EntityDescriptor InventoryItems =
        EntityDescriptor.For<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent, InventoryItemActor, InventoryItemWorkflow>();
}
