using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

public sealed record CloseAccount : AccountSignal
{
    public override Rejection? Validate() => null;
}
