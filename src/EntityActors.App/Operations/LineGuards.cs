using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Operations;

/// <summary>Checks a line's target against the operation's <see cref="LineGuard"/> by reading the entity's view.</summary>
public sealed class LineGuards(EntityReader reader)
{
    /// <returns>Null when the line may be sent; otherwise why not.</returns>
    public async Task<LineFailure?> CheckAsync(BulkOperation operation, OperationLine line, CancellationToken cancellationToken)
    {
        var guard = operation.Guard;
        var address = new EntityAddress(operation.EntityKind, line.EntityId);
        if (guard.IdleSince is { } idleSince)
        {
            var cart = await reader.GetAsync<CartState>(address, cancellationToken);
            return cart is null ? NotFound(operation, line) : IdleCheck(line, cart.State, cart.LastChangedAt, idleSince);
        }

        if (guard.RequireExisting && await reader.GetAsync<JsonElement>(address, cancellationToken) is null)
        {
            return NotFound(operation, line);
        }

        return null;
    }

    /// <summary>
    /// A cart that already expired passes: it is this operation's own expiry when a retried line meets it (answered
    /// as a duplicate), and otherwise the cart's own rejection says it is no longer open.
    /// </summary>
    public static LineFailure? IdleCheck(OperationLine line, CartState cart, DateTimeOffset? lastChangedAt, DateTimeOffset idleSince) =>
        cart.Status == CartStatus.Expired || (cart.LastActivityAt ?? lastChangedAt ?? DateTimeOffset.MinValue) <= idleSince
            ? null
            : new LineFailure(line.Line, line.EntityId, LineFailureCodes.CartNotIdle, $"The cart was last active at {cart.LastActivityAt:O}, after {idleSince:O}.");

    private static LineFailure NotFound(BulkOperation operation, OperationLine line) =>
        new(line.Line, line.EntityId, LineFailureCodes.EntityNotFound, $"No {operation.EntityKind} with id '{line.EntityId}' has ever received a signal; a bulk line never creates one.");
}
