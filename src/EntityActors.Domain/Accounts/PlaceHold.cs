using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>Sets <see cref="Amount"/> aside under <see cref="HoldId"/>, e.g. while a checkout runs.</summary>
public sealed record PlaceHold(string HoldId, Money Amount) : AccountSignal
{
    public override Rejection? Validate() =>
        SignalValidation.Reference(HoldId, "hold-id")
        ?? SignalValidation.Amount(Amount);
}
