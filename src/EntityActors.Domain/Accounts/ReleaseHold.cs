using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>Gives the held amount back to <see cref="AccountState.Available"/>.</summary>
public sealed record ReleaseHold(string HoldId) : AccountSignal
{
    public override Rejection? Validate() => SignalValidation.Reference(HoldId, "hold-id");
}
