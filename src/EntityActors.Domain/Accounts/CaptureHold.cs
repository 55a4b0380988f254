using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>Takes the held amount out of the balance for good.</summary>
public sealed record CaptureHold(string HoldId) : AccountSignal
{
    public override Rejection? Validate() => SignalValidation.Reference(HoldId, "hold-id");
}
