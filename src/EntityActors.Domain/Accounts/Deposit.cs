using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record Deposit(Money Amount) : AccountSignal
{
    public override Rejection? Validate() => SignalValidation.Amount(Amount);
}
