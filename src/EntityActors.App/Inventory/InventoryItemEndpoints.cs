using EntityActors.App.Http;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Inventory;

public static class InventoryItemEndpoints
{
    /// <summary><c>/inventory-items/{id}</c>: read an item; <c>/inventory-items/{id}/signals/{signal}</c>: restock, reserve, release, commit, adjust.</summary>
    public static RouteGroupBuilder MapInventoryItemEndpoints(this IEndpointRouteBuilder app) =>
        app.MapEntityApi<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent>("InventoryItems");
}
