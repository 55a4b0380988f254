using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>Starts a checkout that charges the given account.</summary>
public sealed record CheckOut(string AccountId) : CartSignal
{
    public override Rejection? Validate() => SignalValidation.EntityReference(AccountId, "account-id");
}
