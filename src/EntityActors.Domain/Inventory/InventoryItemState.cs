using System.Collections.Immutable;

namespace EntityActors.Domain.Inventory;

public sealed record InventoryItemState
{
    /// <summary>Units physically in stock, reserved or not.</summary>
    public int OnHand { get; init; }

    /// <summary>Reservation id → units promised to it but not yet shipped.</summary>
    public ImmutableDictionary<string, int> Reservations { get; init; } = ImmutableDictionary<string, int>.Empty;

    public int Reserved => Reservations.Values.Sum();

    /// <summary>Units that may still be reserved; never negative.</summary>
    public int Available => OnHand - Reserved;
}
