using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record ExpireCart : CartSignal
{
    public override Rejection? Validate() => null;
}
