using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;

namespace EntityActors.Bench.Tests;

/// <summary>
/// The Restate side of the bench must decide exactly as the product does: the same signals through its JavaScript
/// rules and through the product's domain give the same outcomes (accepted, or the same rejection code and kind) and
/// the same final state. Needs node and bench/restate (installed by .ci/run); without them it fails.
/// </summary>
public sealed class RestateRulesParityTests
{
    private static readonly EntityContext Context = new("parity", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Restate_accounts_accept_and_refuse_every_signal_as_the_product_account_does()
    {
        static Money Eur(decimal amount) => new(amount, "EUR");
        static object Amount(decimal amount, string currency = "EUR") => new { amount = new { amount, currency } };
        (string Type, object Payload, AccountSignal Signal)[] steps =
        [
            ("deposit", Amount(1), new Deposit(Eur(1))),
            ("open", new { owner = " ", currency = "EUR" }, new OpenAccount(" ", "EUR")),
            ("open", new { owner = "Ann", currency = "eur" }, new OpenAccount("Ann", "eur")),
            ("open", new { owner = "Ann", currency = "EUR" }, new OpenAccount("Ann", "EUR")),
            ("open", new { owner = "Ann", currency = "EUR" }, new OpenAccount("Ann", "EUR")),
            ("deposit", Amount(10.5m), new Deposit(Eur(10.5m))),
            ("deposit", Amount(0), new Deposit(Eur(0))),
            ("withdraw", Amount(1.005m), new Withdraw(Eur(1.005m))),
            ("withdraw", Amount(20), new Withdraw(Eur(20))),
            ("withdraw", Amount(1, "USD"), new Withdraw(new Money(1, "USD"))),
            ("placeHold", new { holdId = "h 1", amount = new { amount = 1m, currency = "EUR" } }, new PlaceHold("h 1", Eur(1))),
            ("placeHold", new { holdId = "h1", amount = new { amount = 5m, currency = "EUR" } }, new PlaceHold("h1", Eur(5))),
            ("placeHold", new { holdId = "h1", amount = new { amount = 1m, currency = "EUR" } }, new PlaceHold("h1", Eur(1))),
            ("placeHold", new { holdId = "h2", amount = new { amount = 6m, currency = "EUR" } }, new PlaceHold("h2", Eur(6))),
            ("withdraw", Amount(6), new Withdraw(Eur(6))),
            ("close", new { }, new CloseAccount()),
            ("releaseHold", new { holdId = "h9" }, new ReleaseHold("h9")),
            ("captureHold", new { holdId = "h1" }, new CaptureHold("h1")),
            ("captureHold", new { holdId = "h1" }, new CaptureHold("h1")),
            ("deposit", Amount(1_000_000_000m), new Deposit(Eur(1_000_000_000m))),
            ("deposit", Amount(1), new Deposit(Eur(1))),
            ("withdraw", Amount(1_000_000_005.5m), new Withdraw(Eur(1_000_000_005.5m))),
            ("close", new { }, new CloseAccount()),
            ("withdraw", Amount(1), new Withdraw(Eur(1))),
            ("close", new { }, new CloseAccount()),
            ("deposit", Amount(1), new Deposit(Eur(1))),
        ];

        var (outcomes, view) = await RestateRulesRunner.RunAsync("accounts", steps.Select(s => (s.Type, s.Payload)));
        var (expected, state) = Decide<Account, AccountState, AccountSignal, AccountEvent>(steps.Select(s => s.Signal));

        outcomes.Should().Equal(expected);
        expected.Select(o => o.Code).Should().Contain(["accepted", "insufficient-funds", "account-not-open", "balance-limit", "holds-outstanding", "invalid-amount"],
            "the steps should exercise the rules, not only the happy path");
        view["status"]!.GetValue<string>().Should().Be(state.Status.ToString().ToLowerInvariant());
        view["balance"]!.GetValue<decimal>().Should().Be(state.Balance);
    }

    [Fact]
    public async Task Restate_inventory_items_accept_and_refuse_every_signal_as_the_product_item_does()
    {
        var steps = new List<(string Type, object Payload, InventoryItemSignal Signal)>
        {
            ("restock", new { quantity = 5 }, new Restock(5)),
            ("restock", new { quantity = 0 }, new Restock(0)),
            ("restock", new { quantity = 10_001 }, new Restock(10_001)),
            ("reserve", new { reservationId = "r1", quantity = 4 }, new Reserve("r1", 4)),
            ("reserve", new { reservationId = "r1", quantity = 1 }, new Reserve("r1", 1)),
            ("reserve", new { reservationId = "r2", quantity = 2 }, new Reserve("r2", 2)),
            ("adjust", new { delta = -2, reason = "stocktake" }, new AdjustStock(-2, "stocktake")),
            ("adjust", new { delta = 0, reason = "stocktake" }, new AdjustStock(0, "stocktake")),
            ("adjust", new { delta = 1, reason = "" }, new AdjustStock(1, "")),
            ("commit", new { reservationId = "r1" }, new CommitReservation("r1")),
            ("release", new { reservationId = "r1" }, new ReleaseReservation("r1")),
            ("reserve", new { reservationId = "r3", quantity = 1 }, new Reserve("r3", 1)),
            ("release", new { reservationId = "r3" }, new ReleaseReservation("r3")),
        };
        steps.AddRange(Enumerable.Range(0, 100).Select(_ => ("restock", (object)new { quantity = 10_000 }, (InventoryItemSignal)new Restock(10_000))));
        steps.Add(("adjust", new { delta = 10_000, reason = "found" }, new AdjustStock(10_000, "found")));

        var (outcomes, view) = await RestateRulesRunner.RunAsync("inventory-items", steps.Select(s => (s.Type, s.Payload)));
        var (expected, state) = Decide<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent>(steps.Select(s => s.Signal));

        outcomes.Should().Equal(expected);
        expected.Select(o => o.Code).Should().Contain(["accepted", "invalid-quantity", "reservation-exists", "out-of-stock", "would-go-negative", "reservation-not-found", "stock-limit"],
            "the steps should exercise the rules, not only the happy path");
        view["onHand"]!.GetValue<int>().Should().Be(state.OnHand);
        view["available"]!.GetValue<int>().Should().Be(state.Available);
    }

    private static (List<(string Code, string? Kind)> Outcomes, TState Final) Decide<TEntity, TState, TSignal, TEvent>(IEnumerable<TSignal> signals)
        where TEntity : IEntity<TState, TSignal, TEvent>
        where TState : class
        where TSignal : class
        where TEvent : class
    {
        var state = TEntity.Initial;
        var outcomes = new List<(string Code, string? Kind)>();
        foreach (var signal in signals)
        {
            var decision = TEntity.Decide(state, signal, Context);
            if (decision.Rejection is { } rejection)
            {
                outcomes.Add((rejection.Code, rejection.Kind.ToString().ToLowerInvariant()));
                continue;
            }

            state = decision.Events.Aggregate(state, TEntity.Apply);
            outcomes.Add(("accepted", null));
        }

        return (outcomes, state);
    }
}
