using EntityActors.Domain.Carts;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>Carts: status <c>open</c>, <c>checking-out</c>, <c>checked-out</c> or <c>expired</c> (the last two ended).</summary>
public sealed class CartProjection : EntityProjection<CartState, CartSummary>
{
    public override string Kind => Cart.Kind;

    public override IReadOnlyList<string> Statuses { get; } = Names<CartStatus>();

    public override IReadOnlyList<string> EndedStatuses { get; } = [Name(CartStatus.CheckedOut), Name(CartStatus.Expired)];

    protected override CartSummary Summarize(CartState state) =>
        new(state.Items.Sum(line => line.Quantity), state.Items.Count, state.Total, state.LastActivityAt);

    protected override ProjectedEntity Columns(CartState state) => new(Name(state.Status), string.Empty);
}
