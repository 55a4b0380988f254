using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record OpenAccount(string Owner, string Currency) : AccountSignal
{
    public override Rejection? Validate() =>
        TextValidation.Text(Owner, "owner")
        ?? SignalValidation.Currency(Currency);
}
