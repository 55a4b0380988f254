using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>Cancels a reservation; its units become available again.</summary>
public sealed record ReleaseReservation(string ReservationId) : InventoryItemSignal
{
    public override Rejection? Validate() => SignalValidation.Reference(ReservationId, "reservation-id");
}
