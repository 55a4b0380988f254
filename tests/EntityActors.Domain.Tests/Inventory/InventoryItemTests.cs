using System.Collections.Immutable;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using static EntityActors.Domain.Tests.Inventory.InventorySpec;

namespace EntityActors.Domain.Tests.Inventory;

public class InventoryItemTests
{
    private static readonly InventoryItemEvent[] TenOnHand = [new Restocked(10)];
    private static readonly InventoryItemEvent[] SixReserved = [.. TenOnHand, new StockReserved("r-1", 4), new StockReserved("r-2", 2)];

    [Fact]
    public void Kind_is_inventory_items() => InventoryItem.Kind.Should().Be("inventory-items");

    [Fact]
    public void A_new_item_has_no_stock() =>
        InventoryItem.Initial.Should().BeEquivalentTo(new { OnHand = 0, Reservations = new Dictionary<string, int>(), Reserved = 0, Available = 0 });

    [Fact]
    public void Restocking_adds_to_on_hand() =>
        Given(TenOnHand)
            .When(new Restock(5))
            .ThenEmits(new Restocked(5))
            .ThenState(new InventoryItemState { OnHand = 15 });

    [Fact]
    public void Restocking_up_to_the_stock_limit_is_accepted()
    {
        var outcome = Given(new StockAdjusted(InventoryItem.MaxOnHand - 10, "count"), new Restocked(5)).When(new Restock(5));

        outcome.ThenEmits(new Restocked(5));
        outcome.After.OnHand.Should().Be(InventoryItem.MaxOnHand);
    }

    [Fact]
    public void Restocking_past_the_stock_limit_is_rejected_as_stock_limit_and_changes_nothing()
    {
        var outcome = Given(new Restocked(InventoryItem.MaxOnHand - 4)).When(new Restock(5));

        outcome.ThenRejects("stock-limit", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain(InventoryItem.MaxOnHand.ToString());
    }

    [Fact]
    public void Reserving_sets_stock_aside_without_changing_on_hand()
    {
        var outcome = Given(TenOnHand).When(new Reserve("r-1", 4));

        outcome
            .ThenEmits(new StockReserved("r-1", 4))
            .ThenState(new InventoryItemState
            {
                OnHand = 10,
                Reservations = new Dictionary<string, int> { ["r-1"] = 4 }.ToImmutableDictionary(),
            });
        outcome.After.Should().BeEquivalentTo(new { Reserved = 4, Available = 6 });
    }

    [Fact]
    public void Reserving_all_that_is_available_is_accepted()
    {
        var outcome = Given(SixReserved).When(new Reserve("r-3", 4));

        outcome.ThenEmits(new StockReserved("r-3", 4));
        outcome.After.Available.Should().Be(0);
    }

    [Fact]
    public void Reserving_more_than_available_is_rejected_as_out_of_stock_and_changes_nothing()
    {
        var outcome = Given(SixReserved).When(new Reserve("r-3", 5));

        outcome.ThenRejects("out-of-stock", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("Available 4").And.Contain("requested 5");
    }

    [Fact]
    public void Reserving_with_an_existing_id_is_rejected_as_reservation_exists() =>
        Given(SixReserved).When(new Reserve("r-1", 1)).ThenRejects("reservation-exists", RejectionKind.Conflict);

    [Fact]
    public void Releasing_a_reservation_makes_its_stock_available_again()
    {
        var outcome = Given(SixReserved).When(new ReleaseReservation("r-1"));

        outcome
            .ThenEmits(new ReservationReleased("r-1", 4))
            .ThenState(new InventoryItemState
            {
                OnHand = 10,
                Reservations = new Dictionary<string, int> { ["r-2"] = 2 }.ToImmutableDictionary(),
            });
        outcome.After.Available.Should().Be(8);
    }

    [Fact]
    public void Releasing_an_unknown_reservation_is_rejected_as_reservation_not_found() =>
        Given(SixReserved).When(new ReleaseReservation("r-9")).ThenRejects("reservation-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Committing_a_reservation_takes_its_units_out_of_stock()
    {
        var outcome = Given(SixReserved).When(new CommitReservation("r-1"));

        outcome
            .ThenEmits(new ReservationCommitted("r-1", 4))
            .ThenState(new InventoryItemState
            {
                OnHand = 6,
                Reservations = new Dictionary<string, int> { ["r-2"] = 2 }.ToImmutableDictionary(),
            });
        outcome.After.Available.Should().Be(4);
    }

    [Fact]
    public void Committing_an_unknown_reservation_is_rejected_as_reservation_not_found() =>
        Given(SixReserved).When(new CommitReservation("r-9")).ThenRejects("reservation-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Committing_a_released_reservation_is_rejected_as_reservation_not_found() =>
        Given([.. SixReserved, new ReservationReleased("r-1", 4)])
            .When(new CommitReservation("r-1"))
            .ThenRejects("reservation-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Adjusting_up_adds_to_on_hand() =>
        Given(SixReserved)
            .When(new AdjustStock(3, "found in back room"))
            .ThenEmits(new StockAdjusted(3, "found in back room"))
            .ThenState(new InventoryItemState
            {
                OnHand = 13,
                Reservations = new Dictionary<string, int> { ["r-1"] = 4, ["r-2"] = 2 }.ToImmutableDictionary(),
            });

    [Fact]
    public void Adjusting_down_to_exactly_what_is_reserved_is_accepted()
    {
        var outcome = Given(SixReserved).When(new AdjustStock(-4, "damaged"));

        outcome.ThenEmits(new StockAdjusted(-4, "damaged"));
        outcome.After.Should().BeEquivalentTo(new { OnHand = 6, Reserved = 6, Available = 0 });
    }

    [Fact]
    public void Adjusting_below_what_is_reserved_is_rejected_as_would_go_negative_and_changes_nothing()
    {
        var outcome = Given(SixReserved).When(new AdjustStock(-5, "damaged"));

        outcome.ThenRejects("would-go-negative", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("-5");
    }

    [Fact]
    public void Adjusting_an_empty_item_downwards_is_rejected_as_would_go_negative() =>
        Given().When(new AdjustStock(-1, "shrinkage")).ThenRejects("would-go-negative", RejectionKind.Unprocessable);

    [Fact]
    public void Adjusting_past_the_stock_limit_is_rejected_as_stock_limit() =>
        Given(new Restocked(InventoryItem.MaxOnHand)).When(new AdjustStock(1, "count")).ThenRejects("stock-limit", RejectionKind.Unprocessable);
}
