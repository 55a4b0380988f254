using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>One sku in the cart, at the unit price it was first added with.</summary>
public sealed record CartLine(string Sku, int Quantity, Money UnitPrice)
{
    public Money LineTotal => UnitPrice.Times(Quantity);
}
