using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record FailCheckout(string CheckoutId, string Reason) : CartSignal, ISystemSignal
{
    public override Rejection? Validate() =>
        CheckoutIds.Validate(CheckoutId)
        ?? TextValidation.Text(Reason, "reason");
}
