using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Operations;

/// <summary>Checks a target entity against the operation's <see cref="LineGuard"/> by reading the entity's view, once per entity and slice.</summary>
public sealed class LineGuards(EntityReader reader)
{
    /// <returns>Null when the entity's lines may be sent; otherwise the code and reason every one of them fails with.</returns>
    public async Task<(string Code, string Reason)?> CheckAsync(BulkOperation operation, string entityId, CancellationToken cancellationToken)
    {
        var guard = operation.Guard;
        var address = new EntityAddress(operation.EntityKind, entityId);
        if (guard.IdleSince is { } idleSince)
        {
            var cart = await reader.GetAsync<CartState>(address, cancellationToken);
            return cart is null ? NotFound(operation, entityId) : IdleCheck(cart.State, cart.LastChangedAt, idleSince);
        }

        if (guard.RequireExisting && await reader.GetAsync<JsonElement>(address, cancellationToken) is null)
        {
            return NotFound(operation, entityId);
        }

        return null;
    }

    /// <summary>
    /// A cart that already expired passes: it is this operation's own expiry when a retried line meets it (answered
    /// as a duplicate), and otherwise the cart's own rejection says it is no longer open.
    /// </summary>
    public static (string Code, string Reason)? IdleCheck(CartState cart, DateTimeOffset? lastChangedAt, DateTimeOffset idleSince) =>
        cart.Status == CartStatus.Expired || (cart.LastActivityAt ?? lastChangedAt ?? DateTimeOffset.MinValue) <= idleSince
            ? null
            : (LineFailureCodes.CartNotIdle, $"The cart was last active at {cart.LastActivityAt ?? lastChangedAt:O}, after {idleSince:O}.");

    private static (string Code, string Reason) NotFound(BulkOperation operation, string entityId) =>
        (LineFailureCodes.EntityNotFound, $"No {operation.EntityKind} with id '{entityId}' has ever received a signal; a bulk line never creates one.");
}
