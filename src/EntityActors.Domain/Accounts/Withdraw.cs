using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record Withdraw(Money Amount) : AccountSignal
{
    public override Rejection? Validate() => SignalValidation.Amount(Amount);
}
