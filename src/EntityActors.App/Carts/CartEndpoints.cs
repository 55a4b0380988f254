using EntityActors.App.Http;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Carts;

public static class CartEndpoints
{
    /// <summary><c>/carts/{id}</c>: read a cart; <c>/carts/{id}/signals/{signal}</c>: add-item, change-quantity, remove-item, clear, check-out, expire.</summary>
    public static RouteGroupBuilder MapCartEndpoints(this IEndpointRouteBuilder app) =>
        app.MapEntityApi<Cart, CartState, CartSignal, CartEvent>("Carts");
}
