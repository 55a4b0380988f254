using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;
using static EntityActors.Domain.Tests.Carts.CartSpec;

namespace EntityActors.Domain.Tests.Carts;

public class CartCheckoutTests
{
    private static readonly CartLine Book = new("book", 2, Eur(12.50m));
    private static readonly CartLine Pen = new("pen", 3, Eur(1.20m));
    private static readonly CartEvent[] TwoLines = [Added("book", 2, 12.50m), Added("pen", 3, 1.20m)];
    private static readonly CartEvent[] CheckingOut = [.. TwoLines, Started(1, Book, Pen)];

    [Fact]
    public void Checking_out_an_empty_cart_is_rejected_as_cart_empty() =>
        Given().When(new CheckOut("acct-1")).ThenRejects("cart-empty", RejectionKind.Unprocessable);

    [Fact]
    public void Checking_out_a_cart_whose_total_is_over_the_largest_payment_is_rejected() =>
        Given(Added("yacht", 10_000, 100_000m), Added("oar", 1, 0.01m)).When(new CheckOut("acct-1")).ThenRejects("cart-total-too-large", RejectionKind.Unprocessable);

    [Fact]
    public void Checking_out_a_cart_whose_total_is_the_largest_payment_starts_its_checkout()
    {
        var outcome = Given(Added("yacht", 10_000, 100_000m)).When(new CheckOut("acct-1"));

        outcome.Decision.Rejection.Should().BeNull();
        outcome.After.Status.Should().Be(CartStatus.CheckingOut);
    }

    [Fact]
    public void Checking_out_an_emptied_cart_is_rejected_as_cart_empty() =>
        Given(Added("book", 1, 1m), new CartCleared(Clock.T0)).When(new CheckOut("acct-1")).ThenRejects("cart-empty", RejectionKind.Unprocessable);

    [Fact]
    public void Checking_out_starts_a_checkout_whose_id_derives_from_the_cart_and_attempt()
    {
        var outcome = Given(TwoLines).When(new CheckOut("acct-1"));

        outcome
            .ThenEmits(new CheckoutStarted("cart-42-checkout-1", "acct-1", 1, [Book, Pen], Eur(28.60m), Clock.T1))
            .ThenState(new CartState
            {
                Status = CartStatus.CheckingOut,
                Items = [Book, Pen],
                Currency = "EUR",
                CheckoutAttempts = 1,
                ActiveCheckout = new CartCheckout("cart-42-checkout-1", "acct-1", 1),
                LastActivityAt = Clock.T1,
            });
    }

    [Fact]
    public void The_checkout_id_uses_the_entity_id_from_the_context()
    {
        var outcome = Given(TwoLines).For("other-cart").When(new CheckOut("acct-1"));

        outcome.After.ActiveCheckout.Should().Be(new CartCheckout("other-cart-checkout-1", "acct-1", 1));
    }

    [Fact]
    public void Deciding_the_same_checkout_twice_yields_the_same_checkout_id()
    {
        var spec = Given(TwoLines);

        var first = spec.When(new CheckOut("acct-1"));
        var replayed = spec.When(new CheckOut("acct-1"));

        replayed.Decision.Events.Should().BeEquivalentTo(first.Decision.Events);
    }

    [Fact]
    public void Checking_out_again_after_a_failure_uses_the_next_attempt_number()
    {
        var outcome = Given([.. CheckingOut, new CheckoutFailed("cart-42-checkout-1", "card declined", Clock.T0)])
            .When(new CheckOut("acct-2"));

        outcome.ThenEmits(new CheckoutStarted("cart-42-checkout-2", "acct-2", 2, [Book, Pen], Eur(28.60m), Clock.T1));
        outcome.After.CheckoutAttempts.Should().Be(2);
        outcome.After.ActiveCheckout.Should().Be(new CartCheckout("cart-42-checkout-2", "acct-2", 2));
    }

    [Fact]
    public void Completing_the_active_checkout_checks_the_cart_out() =>
        Given(CheckingOut)
            .When(new CompleteCheckout("cart-42-checkout-1"))
            .ThenEmits(new CheckoutCompleted("cart-42-checkout-1", Clock.T1))
            .ThenState(new CartState
            {
                Status = CartStatus.CheckedOut,
                Items = [Book, Pen],
                Currency = "EUR",
                CheckoutAttempts = 1,
                ActiveCheckout = null,
                LastActivityAt = Clock.T1,
            });

    [Fact]
    public void Failing_the_active_checkout_reopens_the_cart_with_its_items() =>
        Given(CheckingOut)
            .When(new FailCheckout("cart-42-checkout-1", "insufficient funds"))
            .ThenEmits(new CheckoutFailed("cart-42-checkout-1", "insufficient funds", Clock.T1))
            .ThenState(new CartState
            {
                Status = CartStatus.Open,
                Items = [Book, Pen],
                Currency = "EUR",
                CheckoutAttempts = 1,
                ActiveCheckout = null,
                LastActivityAt = Clock.T1,
            });

    [Fact]
    public void Completing_with_another_checkout_id_is_rejected_as_checkout_mismatch()
    {
        var outcome = Given(CheckingOut).When(new CompleteCheckout("cart-42-checkout-0"));

        outcome.ThenRejects("checkout-mismatch", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain("cart-42-checkout-1").And.Contain("cart-42-checkout-0");
    }

    [Fact]
    public void Failing_with_another_checkout_id_is_rejected_as_checkout_mismatch() =>
        Given(CheckingOut).When(new FailCheckout("someone-else", "late")).ThenRejects("checkout-mismatch", RejectionKind.Conflict);

    [Fact]
    public void Completing_when_no_checkout_is_active_is_rejected_as_checkout_mismatch() =>
        Given(TwoLines).When(new CompleteCheckout("cart-42-checkout-1")).ThenRejects("checkout-mismatch", RejectionKind.Conflict);

    [Fact]
    public void Failing_when_no_checkout_is_active_is_rejected_as_checkout_mismatch() =>
        Given(TwoLines).When(new FailCheckout("cart-42-checkout-1", "late")).ThenRejects("checkout-mismatch", RejectionKind.Conflict);

    [Fact]
    public void Completing_a_checkout_a_second_time_is_rejected_as_checkout_mismatch() =>
        Given([.. CheckingOut, new CheckoutCompleted("cart-42-checkout-1", Clock.T0)])
            .When(new CompleteCheckout("cart-42-checkout-1"))
            .ThenRejects("checkout-mismatch", RejectionKind.Conflict);

    [Fact]
    public void Failing_a_checkout_that_already_failed_is_rejected_as_checkout_mismatch() =>
        Given([.. CheckingOut, new CheckoutFailed("cart-42-checkout-1", "declined", Clock.T0)])
            .When(new FailCheckout("cart-42-checkout-1", "declined again"))
            .ThenRejects("checkout-mismatch", RejectionKind.Conflict);

    [Fact]
    public void Expiring_an_open_cart_with_items_expires_it_and_keeps_the_items() =>
        Given(TwoLines)
            .When(new ExpireCart())
            .ThenEmits(new CartExpired(Clock.T1))
            .ThenState(new CartState
            {
                Status = CartStatus.Expired,
                Items = [Book, Pen],
                Currency = "EUR",
                LastActivityAt = Clock.T1,
            });

    [Fact]
    public void Expiring_an_empty_cart_expires_it() =>
        Given()
            .When(new ExpireCart())
            .ThenEmits(new CartExpired(Clock.T1))
            .ThenState(new CartState { Status = CartStatus.Expired, LastActivityAt = Clock.T1 });

    [Fact]
    public void Expiring_a_cart_during_checkout_is_rejected_as_checkout_in_progress()
    {
        var outcome = Given(CheckingOut).When(new ExpireCart());

        outcome.ThenRejects("checkout-in-progress", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain("cart-42-checkout-1");
    }

    [Fact]
    public void Expiring_a_checked_out_cart_is_rejected_as_not_open() =>
        Given([.. CheckingOut, new CheckoutCompleted("cart-42-checkout-1", Clock.T0)])
            .When(new ExpireCart())
            .ThenRejects("cart-not-open", RejectionKind.Conflict);

    [Fact]
    public void Expiring_an_expired_cart_is_rejected_as_not_open() =>
        Given(new CartExpired(Clock.T0)).When(new ExpireCart()).ThenRejects("cart-not-open", RejectionKind.Conflict);

    [Fact]
    public void Every_accepted_signal_records_the_context_time_as_last_activity()
    {
        CartSignal[] journey =
        [
            new AddItem("book", 1, Eur(12.50m)),
            new ChangeItemQuantity("book", 2),
            new AddItem("pen", 1, Eur(1m)),
            new RemoveItem("pen"),
            new CheckOut("acct-1"),
            new FailCheckout("cart-42-checkout-1", "declined"),
            new CheckOut("acct-1"),
            new CompleteCheckout("cart-42-checkout-2"),
        ];
        var state = Cart.Initial;

        for (var step = 0; step < journey.Length; step++)
        {
            var now = Clock.T0.AddMinutes(step);
            var decision = Cart.Decide(state, journey[step], new EntityContext(CartId, now));
            decision.Rejection.Should().BeNull($"step {step} ({journey[step]}) should be accepted");
            state = Spec<Cart, CartState, CartSignal, CartEvent>.Fold(state, decision.Events);
            state.LastActivityAt.Should().Be(now);
        }

        state.Status.Should().Be(CartStatus.CheckedOut);
    }

    [Fact]
    public void An_expiry_set_from_an_older_activity_is_refused_by_a_cart_active_since()
    {
        Given(new ItemAdded("sku-1", 1, Eur(2m), Clock.T1))
            .When(new ExpireCart(IdleSince: Clock.T0))
            .ThenRejects("cart-active", RejectionKind.Conflict);
    }

    [Fact]
    public void An_expiry_set_from_the_last_activity_expires_the_cart()
    {
        Given(new ItemAdded("sku-1", 1, Eur(2m), Clock.T1))
            .When(new ExpireCart(IdleSince: Clock.T1))
            .ThenEmits(new CartExpired(Clock.T1));
    }
}
