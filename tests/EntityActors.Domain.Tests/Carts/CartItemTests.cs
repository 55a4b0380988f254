using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;
using static EntityActors.Domain.Tests.Carts.CartSpec;

namespace EntityActors.Domain.Tests.Carts;

public class CartItemTests
{
    [Fact]
    public void Kind_is_carts() => Cart.Kind.Should().Be("carts");

    [Fact]
    public void A_new_cart_is_open_and_empty()
    {
        Cart.Initial.Should().BeEquivalentTo(new CartState
        {
            Status = CartStatus.Open,
            Items = [],
            Currency = null,
            CheckoutAttempts = 0,
            ActiveCheckout = null,
            LastActivityAt = null,
        });
        Cart.Initial.Total.Should().BeNull();
    }

    [Fact]
    public void Adding_an_item_to_a_new_cart_creates_a_line_and_sets_the_currency()
    {
        var outcome = Given().When(new AddItem("sku-1", 2, Eur(9.99m)));

        outcome
            .ThenEmits(new ItemAdded("sku-1", 2, Eur(9.99m), Clock.T1))
            .ThenState(new CartState
            {
                Items = [new CartLine("sku-1", 2, Eur(9.99m))],
                Currency = "EUR",
                LastActivityAt = Clock.T1,
            });
        outcome.After.Total.Should().Be(Eur(19.98m));
        outcome.After.Items[0].LineTotal.Should().Be(Eur(19.98m));
    }

    [Fact]
    public void Adding_an_existing_sku_adds_to_its_quantity()
    {
        var outcome = Given(Added("sku-1", 2, 5m), Added("sku-2", 1, 3m)).When(new AddItem("sku-1", 3, Eur(5m)));

        outcome
            .ThenEmits(new ItemAdded("sku-1", 3, Eur(5m), Clock.T1))
            .ThenState(new CartState
            {
                Items = [new CartLine("sku-1", 5, Eur(5m)), new CartLine("sku-2", 1, Eur(3m))],
                Currency = "EUR",
                LastActivityAt = Clock.T1,
            });
        outcome.After.Total.Should().Be(Eur(28m));
    }

    [Fact]
    public void Adding_an_existing_sku_at_another_price_is_rejected_as_price_mismatch()
    {
        var outcome = Given(Added("sku-1", 2, 5m)).When(new AddItem("sku-1", 1, Eur(4.5m)));

        outcome.ThenRejects("price-mismatch", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain("5.00 EUR").And.Contain("4.50 EUR");
    }

    [Fact]
    public void Adding_an_item_priced_in_another_currency_is_rejected_as_currency_mismatch()
    {
        var outcome = Given(Added("sku-1", 2, 5m)).When(new AddItem("sku-2", 1, new Money(5m, "USD")));

        outcome.ThenRejects("currency-mismatch", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain("EUR").And.Contain("USD");
    }

    [Fact]
    public void Adding_up_to_the_line_limit_is_accepted()
    {
        var outcome = Given(Added("sku-1", SignalValidation.MaxQuantity - 1, 1m)).When(new AddItem("sku-1", 1, Eur(1m)));

        outcome.ThenEmits(new ItemAdded("sku-1", 1, Eur(1m), Clock.T1));
        outcome.After.Items.Should().BeEquivalentTo([new CartLine("sku-1", SignalValidation.MaxQuantity, Eur(1m))]);
    }

    [Fact]
    public void Adding_beyond_the_line_limit_is_rejected_as_quantity_limit_and_changes_nothing()
    {
        var outcome = Given(Added("sku-1", SignalValidation.MaxQuantity, 1m)).When(new AddItem("sku-1", 1, Eur(1m)));

        outcome.ThenRejects("quantity-limit", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain((SignalValidation.MaxQuantity + 1).ToString());
    }

    [Fact]
    public void Adding_a_new_sku_to_a_full_cart_is_rejected_as_cart_full()
    {
        var full = Enumerable.Range(1, Cart.MaxLines).Select(i => Added($"sku-{i}", 1, 1m)).ToArray();

        var outcome = Given(full).When(new AddItem("one-more", 1, Eur(1m)));

        outcome.Before.Items.Should().HaveCount(Cart.MaxLines);
        outcome.ThenRejects("cart-full", RejectionKind.Unprocessable);
    }

    [Fact]
    public void Adding_the_last_distinct_sku_that_fits_is_accepted()
    {
        var almostFull = Enumerable.Range(1, Cart.MaxLines - 1).Select(i => Added($"sku-{i}", 1, 1m)).ToArray();

        var outcome = Given(almostFull).When(new AddItem("last", 1, Eur(1m)));

        outcome.ThenEmits(new ItemAdded("last", 1, Eur(1m), Clock.T1));
        outcome.After.Items.Should().HaveCount(Cart.MaxLines);
    }

    [Fact]
    public void Adding_more_of_an_existing_sku_to_a_full_cart_is_accepted()
    {
        var full = Enumerable.Range(1, Cart.MaxLines).Select(i => Added($"sku-{i}", 1, 1m)).ToArray();

        var outcome = Given(full).When(new AddItem("sku-7", 2, Eur(1m)));

        outcome.ThenEmits(new ItemAdded("sku-7", 2, Eur(1m), Clock.T1));
        outcome.After.Line("sku-7").Should().Be(new CartLine("sku-7", 3, Eur(1m)));
    }

    [Fact]
    public void Changing_the_quantity_sets_the_line_to_the_new_quantity()
    {
        var outcome = Given(Added("sku-1", 2, 5m), Added("sku-2", 1, 3m)).When(new ChangeItemQuantity("sku-1", 7));

        outcome
            .ThenEmits(new ItemQuantityChanged("sku-1", 7, Clock.T1))
            .ThenState(new CartState
            {
                Items = [new CartLine("sku-1", 7, Eur(5m)), new CartLine("sku-2", 1, Eur(3m))],
                Currency = "EUR",
                LastActivityAt = Clock.T1,
            });
    }

    [Fact]
    public void Changing_the_quantity_of_a_sku_not_in_the_cart_is_rejected_and_changes_nothing()
    {
        var outcome = Given(Added("sku-1", 2, 5m)).When(new ChangeItemQuantity("sku-9", 1));

        outcome.ThenRejects("item-not-in-cart", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("sku-9");
    }

    [Fact]
    public void Removing_an_item_removes_its_line_and_keeps_the_others()
    {
        var outcome = Given(Added("sku-1", 2, 5m), Added("sku-2", 1, 3m)).When(new RemoveItem("sku-1"));

        outcome
            .ThenEmits(new ItemRemoved("sku-1", Clock.T1))
            .ThenState(new CartState
            {
                Items = [new CartLine("sku-2", 1, Eur(3m))],
                Currency = "EUR",
                LastActivityAt = Clock.T1,
            });
    }

    [Fact]
    public void Removing_the_last_item_forgets_the_currency_so_another_may_follow()
    {
        var emptied = Given(Added("sku-1", 2, 5m)).When(new RemoveItem("sku-1"));

        emptied.After.Should().BeEquivalentTo(new CartState { Items = [], Currency = null, LastActivityAt = Clock.T1 });
        Cart.Decide(emptied.After, new AddItem("sku-2", 1, new Money(2m, "USD")), new EntityContext(CartId, Clock.T1))
            .IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void Removing_a_sku_not_in_the_cart_is_rejected_and_changes_nothing() =>
        Given(Added("sku-1", 2, 5m)).When(new RemoveItem("sku-9")).ThenRejects("item-not-in-cart", RejectionKind.Unprocessable);

    [Fact]
    public void Clearing_empties_the_cart_and_forgets_the_currency() =>
        Given(Added("sku-1", 2, 5m), Added("sku-2", 1, 3m))
            .When(new ClearCart())
            .ThenEmits(new CartCleared(Clock.T1))
            .ThenState(new CartState { Items = [], Currency = null, LastActivityAt = Clock.T1 });

    [Fact]
    public void Clearing_an_empty_cart_is_accepted_and_counts_as_activity() =>
        Given()
            .When(new ClearCart())
            .ThenEmits(new CartCleared(Clock.T1))
            .ThenState(new CartState { LastActivityAt = Clock.T1 });

    [Fact]
    public void Applying_a_quantity_change_for_a_sku_not_in_the_cart_throws_because_only_a_corrupt_history_has_one()
    {
        var act = () => Cart.Apply(Cart.Initial, new ItemQuantityChanged("ghost", 2, Clock.T0));

        act.Should().Throw<InvalidOperationException>().WithMessage("*ItemQuantityChanged*");
    }

    public static TheoryData<string, string> ClosedCartsAndChanges()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in ClosedCarts.Keys)
        {
            foreach (var signal in Changes.Keys)
            {
                data.Add(status, signal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedCartsAndChanges))]
    public void A_cart_that_is_not_open_rejects_item_changes_and_checkout_as_not_open(string status, string signal)
    {
        var outcome = Given(ClosedCarts[status]).When(Changes[signal]);

        outcome.Before.Status.ToString().Should().Be(status);
        outcome.ThenRejects("cart-not-open", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain(status);
    }

    private static readonly Dictionary<string, CartEvent[]> ClosedCarts = new()
    {
        [nameof(CartStatus.CheckingOut)] = [Added("sku-1", 1, 5m), Started(1, new CartLine("sku-1", 1, Eur(5m)))],
        [nameof(CartStatus.CheckedOut)] =
        [
            Added("sku-1", 1, 5m),
            Started(1, new CartLine("sku-1", 1, Eur(5m))),
            new CheckoutCompleted($"{CartId}-checkout-1", Clock.T0),
        ],
        [nameof(CartStatus.Expired)] = [Added("sku-1", 1, 5m), new CartExpired(Clock.T0)],
    };

    private static readonly Dictionary<string, CartSignal> Changes = new()
    {
        ["add-item"] = new AddItem("sku-2", 1, Eur(1m)),
        ["add-existing-item"] = new AddItem("sku-1", 1, Eur(5m)),
        ["change-quantity"] = new ChangeItemQuantity("sku-1", 3),
        ["remove-item"] = new RemoveItem("sku-1"),
        ["clear"] = new ClearCart(),
        ["check-out"] = new CheckOut("acct-1"),
    };
}
