using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

public sealed record ClearCart : CartSignal
{
    public override Rejection? Validate() => null;
}
