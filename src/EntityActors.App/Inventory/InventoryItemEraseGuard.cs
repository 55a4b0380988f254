using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Retention;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Inventory;

/// <summary>
/// An item with stock reserved for a checkout is not erased: the checkout would commit or release its reservation on a
/// new item of the same id, and the stock it took would be accounted nowhere.
/// </summary>
public sealed class InventoryItemEraseGuard : IEntityEraseGuard
{
    public string Kind => InventoryItem.Kind;

    public Rejection? Refusal(EntityView<JsonElement> view) =>
        EraseGuards.State<InventoryItemState>(view) is { Reservations.Count: > 0 } item
            ? Rejection.Conflict("reservations-open", $"The item has stock reserved for {EraseGuards.Name(item.Reservations.Keys)}; it can be erased once those reservations are committed or released.")
            : null;
}
