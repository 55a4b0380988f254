using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>Stock of one sku: restocked, reserved for checkouts, then committed (shipped) or released.</summary>
public sealed class InventoryItem : IEntity<InventoryItemState, InventoryItemSignal, InventoryItemEvent>
{
    /// <summary>Most units one item may have on hand.</summary>
    public const int MaxOnHand = 1_000_000;

    private InventoryItem()
    {
    }

    public static string Kind => "inventory-items";

    public static InventoryItemState Initial { get; } = new();

    public static Decision<InventoryItemEvent> Decide(InventoryItemState state, InventoryItemSignal signal, EntityContext context)
    {
        if (signal.Validate() is { } invalid)
        {
            return Reject(invalid);
        }

        return (state, signal) switch
        {
            (_, Restock restock) when state.OnHand + restock.Quantity > MaxOnHand => Reject(StockLimit(state, restock.Quantity)),
            (_, Restock restock) => Accept(new Restocked(restock.Quantity)),

            (_, Reserve reserve) when state.Reservations.ContainsKey(reserve.ReservationId) =>
                Reject(Rejection.Conflict("reservation-exists", $"Reservation {reserve.ReservationId} already exists.")),
            (_, Reserve reserve) when reserve.Quantity > state.Available => Reject(Rejection.Unprocessable(
                "out-of-stock",
                $"Available {state.Available}, requested {reserve.Quantity}.")),
            (_, Reserve reserve) => Accept(new StockReserved(reserve.ReservationId, reserve.Quantity)),

            (_, ReleaseReservation release) when state.Reservations.TryGetValue(release.ReservationId, out var reserved) =>
                Accept(new ReservationReleased(release.ReservationId, reserved)),
            (_, ReleaseReservation release) => Reject(ReservationNotFound(release.ReservationId)),

            (_, CommitReservation commit) when state.Reservations.TryGetValue(commit.ReservationId, out var reserved) =>
                Accept(new ReservationCommitted(commit.ReservationId, reserved)),
            (_, CommitReservation commit) => Reject(ReservationNotFound(commit.ReservationId)),

            (_, AdjustStock adjust) when state.OnHand + adjust.Delta < state.Reserved => Reject(Rejection.Unprocessable(
                "would-go-negative",
                $"On hand {state.OnHand} with {state.Reserved} reserved cannot take an adjustment of {adjust.Delta}.")),
            (_, AdjustStock adjust) when state.OnHand + adjust.Delta > MaxOnHand => Reject(StockLimit(state, adjust.Delta)),
            (_, AdjustStock adjust) => Accept(new StockAdjusted(adjust.Delta, adjust.Reason)),

            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.GetType().Name, "Unknown inventory item signal."),
        };
    }

    public static InventoryItemState Apply(InventoryItemState state, InventoryItemEvent @event) =>
        @event switch
        {
            Restocked restocked => state with { OnHand = state.OnHand + restocked.Quantity },
            StockReserved reserved => state with { Reservations = state.Reservations.Add(reserved.ReservationId, reserved.Quantity) },
            ReservationReleased released => state with { Reservations = state.Reservations.Remove(released.ReservationId) },
            ReservationCommitted committed => state with
            {
                OnHand = state.OnHand - committed.Quantity,
                Reservations = state.Reservations.Remove(committed.ReservationId),
            },
            StockAdjusted adjusted => state with { OnHand = state.OnHand + adjusted.Delta },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown inventory item event."),
        };

    private static Rejection StockLimit(InventoryItemState state, int change) =>
        Rejection.Unprocessable(
            "stock-limit",
            $"On hand {state.OnHand} plus {change} would exceed {MaxOnHand}.");

    private static Rejection ReservationNotFound(string reservationId) =>
        Rejection.Unprocessable("reservation-not-found", $"There is no reservation {reservationId}.");

    private static Decision<InventoryItemEvent> Accept(InventoryItemEvent @event) => Decision<InventoryItemEvent>.Accept(@event);

    private static Decision<InventoryItemEvent> Reject(Rejection rejection) => Decision<InventoryItemEvent>.Reject(rejection);
}
