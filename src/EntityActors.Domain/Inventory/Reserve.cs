using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>Promises <see cref="Quantity"/> units to <see cref="ReservationId"/> (e.g. a checkout) without shipping them.</summary>
public sealed record Reserve(string ReservationId, int Quantity) : InventoryItemSignal
{
    public override Rejection? Validate() =>
        SignalValidation.Reference(ReservationId, "reservation-id")
        ?? SignalValidation.Quantity(Quantity);
}
