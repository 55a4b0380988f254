using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record CompleteCheckout(string CheckoutId) : CartSignal, ISystemSignal
{
    public override Rejection? Validate() => CheckoutIds.Validate(CheckoutId);
}
