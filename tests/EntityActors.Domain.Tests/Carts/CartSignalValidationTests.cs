using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;
using static EntityActors.Domain.Tests.Carts.CartSpec;

namespace EntityActors.Domain.Tests.Carts;

public class CartSignalValidationTests
{
    private static readonly Dictionary<string, (CartSignal Signal, string Code)> Malformed = new()
    {
        ["add-item without sku"] = (new AddItem("", 1, Eur(1m)), "invalid-sku"),
        ["add-item with a space in the sku"] = (new AddItem("sku 1", 1, Eur(1m)), "invalid-sku"),
        ["add-item with an over-long sku"] = (new AddItem(new string('s', SignalValidation.MaxEntityIdLength + 1), 1, Eur(1m)), "invalid-sku"),
        ["add-item with a sku that is no entity id (a key separator)"] = (new AddItem("col1:key", 1, Eur(1m)), "invalid-sku"),
        ["add-item with a sku that is no entity id (a dot)"] = (new AddItem("x.y", 1, Eur(1m)), "invalid-sku"),
        ["add-item with a sku starting with a dash"] = (new AddItem("-sku", 1, Eur(1m)), "invalid-sku"),
        ["add-item with zero quantity"] = (new AddItem("sku-1", 0, Eur(1m)), "invalid-quantity"),
        ["add-item with negative quantity"] = (new AddItem("sku-1", -3, Eur(1m)), "invalid-quantity"),
        ["add-item over the quantity bound"] = (new AddItem("sku-1", SignalValidation.MaxQuantity + 1, Eur(1m)), "invalid-quantity"),
        ["add-item without price"] = (new AddItem("sku-1", 1, null!), "invalid-amount"),
        ["add-item with zero price"] = (new AddItem("sku-1", 1, Eur(0m)), "invalid-amount"),
        ["add-item with fractional cents"] = (new AddItem("sku-1", 1, Eur(1.005m)), "invalid-amount"),
        ["add-item with lower-case currency"] = (new AddItem("sku-1", 1, new Money(1m, "eur")), "invalid-currency"),
        ["change-quantity to zero"] = (new ChangeItemQuantity("sku-1", 0), "invalid-quantity"),
        ["change-quantity over the bound"] = (new ChangeItemQuantity("sku-1", SignalValidation.MaxQuantity + 1), "invalid-quantity"),
        ["change-quantity without sku"] = (new ChangeItemQuantity(null!, 1), "invalid-sku"),
        ["remove-item without sku"] = (new RemoveItem(""), "invalid-sku"),
        ["check-out without account"] = (new CheckOut(""), "invalid-account-id"),
        ["check-out with a slash in the account"] = (new CheckOut("acct/1"), "invalid-account-id"),
        ["check-out with an account that is no entity id"] = (new CheckOut("acct_1.eu:main"), "invalid-account-id"),
        ["check-out with an account over an entity id's length"] = (new CheckOut(new string('a', SignalValidation.MaxEntityIdLength + 1)), "invalid-account-id"),
        ["complete-checkout without id"] = (new CompleteCheckout(" "), "invalid-checkout-id"),
        ["fail-checkout without id"] = (new FailCheckout("", "declined"), "invalid-checkout-id"),
        ["fail-checkout without reason"] = (new FailCheckout("cart-42-checkout-1", " "), "invalid-reason"),
        ["fail-checkout with an over-long reason"] = (new FailCheckout("cart-42-checkout-1", new string('r', TextValidation.MaxTextLength + 1)), "invalid-reason"),
    };

    public static TheoryData<string> MalformedSignals => [.. Malformed.Keys];

    [Theory]
    [MemberData(nameof(MalformedSignals))]
    public void A_malformed_signal_is_rejected_as_invalid_and_changes_nothing(string name)
    {
        var (signal, code) = Malformed[name];

        signal.Validate().Should().BeEquivalentTo(new { Code = code, Kind = RejectionKind.Invalid });
        Given(Added("sku-1", 1, 5m))
            .When(signal)
            .ThenRejects(code, RejectionKind.Invalid);
    }

    [Theory]
    [MemberData(nameof(MalformedSignals))]
    public void Shape_is_checked_before_state_so_a_malformed_signal_to_an_expired_cart_is_invalid_not_a_conflict(string name)
    {
        var (signal, code) = Malformed[name];

        Given(new CartExpired(Clock.T0)).When(signal).ThenRejects(code, RejectionKind.Invalid);
    }

    [Fact]
    public void The_largest_well_formed_values_pass_validation()
    {
        CartSignal[] atTheBounds =
        [
            new AddItem(new string('s', SignalValidation.MaxEntityIdLength), SignalValidation.MaxQuantity, Eur(SignalValidation.MaxAmount)),
            new ChangeItemQuantity("a", 1),
            new RemoveItem("legacy.sku:" + new string('s', SignalValidation.MaxReferenceLength - 11)),
            new FailCheckout("x", new string('r', TextValidation.MaxTextLength)),
            new CheckOut("acct_1-" + new string('a', SignalValidation.MaxEntityIdLength - 7)),
        ];

        atTheBounds.Select(signal => signal.Validate()).Should().AllSatisfy(rejection => rejection.Should().BeNull());
    }
}
