using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Carts;

public class CartInvariantTests
{
    private const int Seed = 1337;
    private static readonly string[] Skus = ["sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6"];

    private static readonly Dictionary<string, RejectionKind> Codes = new()
    {
        ["cart-not-open"] = RejectionKind.Conflict,
        ["price-mismatch"] = RejectionKind.Conflict,
        ["currency-mismatch"] = RejectionKind.Conflict,
        ["quantity-limit"] = RejectionKind.Unprocessable,
        ["cart-full"] = RejectionKind.Unprocessable,
        ["item-not-in-cart"] = RejectionKind.Unprocessable,
        ["cart-empty"] = RejectionKind.Unprocessable,
        ["checkout-mismatch"] = RejectionKind.Conflict,
        ["checkout-in-progress"] = RejectionKind.Conflict,
    };

    /// <summary>
    /// Compares the cart with a naive model (sku → quantity) driven by the accepted signals, and checks the
    /// structural invariants after every step.
    /// </summary>
    [Fact]
    public void Random_signal_sequences_keep_the_cart_consistent_with_a_simple_model()
    {
        var random = new Random(Seed);
        var coverage = new Coverage(Codes);
        var violations = new List<string>();

        for (var run = 0; run < 80; run++)
        {
            var cartId = $"cart-{run}";
            var state = Cart.Initial;
            var model = new Dictionary<string, int>();

            for (var step = 0; step < 120; step++)
            {
                var now = Clock.T0.AddMinutes(step);
                var signal = NextSignal(random, state);
                var decision = Cart.Decide(state, signal, new EntityContext(cartId, now));

                if (decision.Rejection is { } rejection)
                {
                    coverage.Rejected(rejection);
                    continue;
                }

                if (state.Status is CartStatus.CheckedOut or CartStatus.Expired)
                {
                    violations.Add($"run {run} step {step}: {signal} was accepted by a {state.Status} cart");
                }

                coverage.Accepted(signal);
                switch (signal)
                {
                    case AddItem add: model[add.Sku] = model.GetValueOrDefault(add.Sku) + add.Quantity; break;
                    case ChangeItemQuantity change: model[change.Sku] = change.Quantity; break;
                    case RemoveItem remove: model.Remove(remove.Sku); break;
                    case ClearCart: model.Clear(); break;
                }

                state = decision.Events.Aggregate(state, Cart.Apply);
                violations.AddRange(Violations(state, model, cartId, now).Select(v => $"run {run} step {step} after {signal}: {v}"));
            }
        }

        violations.Should().BeEmpty();
        coverage.ShouldHaveAccepted(
            typeof(AddItem), typeof(ChangeItemQuantity), typeof(RemoveItem), typeof(ClearCart),
            typeof(CheckOut), typeof(CompleteCheckout), typeof(FailCheckout), typeof(ExpireCart));

        // A hundred distinct lines needs a hundred skus; cart-full has its own example tests.
        coverage.ShouldHaveRejectedWithEveryDocumentedCodeExcept("cart-full");
    }

    private static IEnumerable<string> Violations(CartState state, Dictionary<string, int> model, string cartId, DateTimeOffset now)
    {
        var quantities = state.Items.ToDictionary(line => line.Sku, line => line.Quantity);
        if (quantities.Count != state.Items.Count)
        {
            yield return "a sku appears on two lines";
        }

        if (!quantities.OrderBy(pair => pair.Key).SequenceEqual(model.OrderBy(pair => pair.Key)))
        {
            yield return $"lines {string.Join(",", quantities)} differ from the model {string.Join(",", model)}";
        }

        if (state.Items.Any(line => line.Quantity is < 1 or > SignalValidation.MaxQuantity))
        {
            yield return "a line quantity is out of range";
        }

        if (state.Items.IsEmpty != (state.Currency is null) || state.Items.Any(line => line.UnitPrice.Currency != state.Currency))
        {
            yield return $"currency {state.Currency} does not match the lines";
        }

        var expectedTotal = state.Items.Sum(line => line.UnitPrice.Amount * line.Quantity);
        if ((state.Total?.Amount ?? 0m) != expectedTotal)
        {
            yield return $"total {state.Total} is not the sum of the lines {expectedTotal}";
        }

        if ((state.Status == CartStatus.CheckingOut) != (state.ActiveCheckout is not null))
        {
            yield return $"status {state.Status} disagrees with active checkout {state.ActiveCheckout}";
        }

        if (state.ActiveCheckout is { } active &&
            (active.Attempt != state.CheckoutAttempts || active.CheckoutId != $"{cartId}-checkout-{active.Attempt}"))
        {
            yield return $"active checkout {active} does not match attempt {state.CheckoutAttempts}";
        }

        if (state.LastActivityAt != now)
        {
            yield return $"last activity {state.LastActivityAt} is not {now}";
        }
    }

    private static CartSignal NextSignal(Random random, CartState state)
    {
        var sku = Skus[random.Next(Skus.Length)];
        var checkoutId = random.Next(4) == 0 ? "cart-x-checkout-9" : state.ActiveCheckout?.CheckoutId ?? "cart-x-checkout-1";
        return random.Next(100) switch
        {
            < 35 => new AddItem(sku, random.Next(1, 4), PriceOf(random, sku)),
            < 45 => new ChangeItemQuantity(sku, random.Next(4) == 0 ? SignalValidation.MaxQuantity - 1 : random.Next(1, 6)),
            < 55 => new RemoveItem(sku),
            < 58 => new ClearCart(),
            < 70 => new CheckOut("acct-1"),
            < 80 => new CompleteCheckout(checkoutId),
            < 95 => new FailCheckout(checkoutId, "declined"),
            _ => new ExpireCart(),
        };
    }

    // Each sku has one list price; now and then a stale price or a foreign currency tests the mismatch rules.
    private static Money PriceOf(Random random, string sku)
    {
        var listPrice = (Array.IndexOf(Skus, sku) + 1) * 1.25m;
        return random.Next(20) switch
        {
            0 => new Money(listPrice + 0.01m, "EUR"),
            1 => new Money(listPrice, "USD"),
            _ => new Money(listPrice, "EUR"),
        };
    }
}
