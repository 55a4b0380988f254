using System.Collections.Immutable;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.ReadModel.Projections;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Tests.ReadModel;

public sealed class EntityProjectionTests
{
    [Fact]
    public void An_account_is_listed_by_status_and_balance_with_its_owner_and_currency()
    {
        var state = new AccountState { Status = AccountStatus.Open, Owner = "Alice", Currency = "EUR", Balance = 120m, Holds = ImmutableDictionary<string, decimal>.Empty.Add("h", 20m) };
        var projection = new AccountProjection();

        var projected = projection.Project(Json(state));

        projected.Should().BeEquivalentTo(new ProjectedEntity("open", projected.Summary, Balance: 120d));
        projection.ReadSummary(projected.Summary).Should().Be(new AccountSummary(120m, 100m, "EUR", "Alice"));
        projection.Statuses.Should().Equal("unopened", "open", "closed");
        projection.EndedStatuses.Should().Equal("closed");
    }

    [Fact]
    public void An_inventory_item_is_in_stock_while_units_may_be_reserved()
    {
        var projection = new InventoryItemProjection();
        var reserved = new InventoryItemState { OnHand = 5, Reservations = ImmutableDictionary<string, int>.Empty.Add("r", 5) };

        var projected = projection.Project(Json(reserved));

        projected.Status.Should().Be("out-of-stock");
        projected.Available.Should().Be(0);
        projection.ReadSummary(projected.Summary).Should().Be(new InventoryItemSummary(5, 5, 0));
        projection.Project(Json(new InventoryItemState { OnHand = 1 })).Status.Should().Be("in-stock");
        projection.EndedStatuses.Should().BeEmpty("an item never ends: retention leaves it alone");
    }

    [Fact]
    public void A_cart_counts_its_units_and_lines_and_totals_them()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        var state = new CartState
        {
            Status = CartStatus.CheckedOut,
            Currency = "EUR",
            Items = [new CartLine("tea", 2, new Money(3m, "EUR")), new CartLine("cup", 1, new Money(4.5m, "EUR"))],
            LastActivityAt = at,
        };
        var projection = new CartProjection();

        var projected = projection.Project(Json(state));

        projected.Status.Should().Be("checked-out");
        projection.ReadSummary(projected.Summary).Should().Be(new CartSummary(3, 2, new Money(10.5m, "EUR"), at));
        projection.EndedStatuses.Should().Equal("checked-out", "expired");
    }

    private static JsonElement Json<T>(T state) => JsonSerializer.SerializeToElement(state, EntityJson.Options);
}
