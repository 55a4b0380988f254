using EntityActors.App.Http;
using EntityActors.Domain.Accounts;

namespace EntityActors.App.Accounts;

public static class AccountEndpoints
{
    /// <summary><c>/accounts/{id}</c>: read an account; <c>/accounts/{id}/signals/{signal}</c>: open, deposit, withdraw, place-hold, release-hold, capture-hold, close.</summary>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapEntityApi<Account, AccountState, AccountSignal, AccountEvent>("Accounts");
}
