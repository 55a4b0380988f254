using System.Collections.Immutable;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

/// <summary>Carries the lines and total as they were when checkout began, so the checkout needs no second read.</summary>
public sealed record CheckoutStarted(
    string CheckoutId,
    string AccountId,
    int Attempt,
    ImmutableList<CartLine> Lines,
    Money Total,
    DateTimeOffset At) : CartEvent(At);
