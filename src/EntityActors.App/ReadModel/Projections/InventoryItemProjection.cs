using EntityActors.Domain.Inventory;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>
/// Inventory items have no lifecycle of their own; their status says whether any unit may still be reserved
/// (<c>in-stock</c> or <c>out-of-stock</c>), and they are filtered by units available.
/// </summary>
public sealed class InventoryItemProjection : EntityProjection<InventoryItemState, InventoryItemSummary>
{
    public const string BelowStock = "belowStock";
    public const string InStock = "in-stock";
    public const string OutOfStock = "out-of-stock";

    public override string Kind => InventoryItem.Kind;

    public override IReadOnlyList<string> Statuses { get; } = [InStock, OutOfStock];

    public override IReadOnlyList<string> EndedStatuses { get; } = [];

    public override IReadOnlyList<string> Filters { get; } = [BelowStock];

    protected override InventoryItemSummary Summarize(InventoryItemState state) => new(state.OnHand, state.Reserved, state.Available);

    protected override ProjectedEntity Columns(InventoryItemState state) =>
        new(state.Available > 0 ? InStock : OutOfStock, string.Empty, Available: state.Available);
}
