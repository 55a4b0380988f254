using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Retention;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Accounts;

/// <summary>
/// An account holding money for a checkout is not erased: the checkout would capture or release the hold on a new,
/// unopened account of the same id, and the money it took would be accounted nowhere.
/// </summary>
public sealed class AccountEraseGuard : IEntityEraseGuard
{
    public string Kind => Account.Kind;

    public Rejection? Refusal(EntityView<JsonElement> view) =>
        EraseGuards.State<AccountState>(view) is { Holds.Count: > 0 } account
            ? Rejection.Conflict("holds-open", $"The account holds money for {EraseGuards.Name(account.Holds.Keys)}; it can be erased once those holds are captured or released.")
            : null;
}
