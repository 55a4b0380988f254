using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>The reserved units leave the stock (shipped).</summary>
public sealed record CommitReservation(string ReservationId) : InventoryItemSignal
{
    public override Rejection? Validate() => SignalValidation.Reference(ReservationId, "reservation-id");
}
