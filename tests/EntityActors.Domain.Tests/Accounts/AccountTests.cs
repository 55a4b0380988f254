using System.Collections.Immutable;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using static EntityActors.Domain.Tests.Accounts.AccountSpec;

namespace EntityActors.Domain.Tests.Accounts;

public class AccountTests
{
    private static readonly AccountEvent[] Funded = [Opened, new MoneyDeposited(Eur(100m))];

    [Fact]
    public void Kind_is_accounts() => Account.Kind.Should().Be("accounts");

    [Fact]
    public void A_new_account_is_unopened_and_empty() =>
        Account.Initial.Should().BeEquivalentTo(new AccountState
        {
            Status = AccountStatus.Unopened,
            Owner = null,
            Currency = null,
            Balance = 0m,
            Holds = [],
        });

    [Fact]
    public void Opening_an_unopened_account_sets_owner_and_currency() =>
        Given()
            .When(new OpenAccount("Ada Lovelace", "EUR"))
            .ThenEmits(new AccountOpened("Ada Lovelace", "EUR"))
            .ThenState(new AccountState { Status = AccountStatus.Open, Owner = "Ada Lovelace", Currency = "EUR" });

    [Fact]
    public void Opening_an_open_account_is_rejected_as_already_open() =>
        Given(Opened).When(new OpenAccount("Grace Hopper", "USD")).ThenRejects("account-already-open", RejectionKind.Conflict);

    [Fact]
    public void Opening_a_closed_account_is_rejected_as_already_open() =>
        Given(Opened, new AccountClosed()).When(new OpenAccount("Ada Lovelace", "EUR")).ThenRejects("account-already-open", RejectionKind.Conflict);

    public static TheoryData<string> NonOpenSignals => [.. NonOpen.Keys];

    [Theory]
    [MemberData(nameof(NonOpenSignals))]
    public void An_unopened_account_accepts_nothing_but_open(string name)
    {
        var outcome = Given().When(NonOpen[name]);

        outcome.ThenRejects("account-not-open", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain(nameof(AccountStatus.Unopened));
    }

    [Theory]
    [MemberData(nameof(NonOpenSignals))]
    public void A_closed_account_accepts_nothing(string name)
    {
        var outcome = Given(Opened, new AccountClosed()).When(NonOpen[name]);

        outcome.ThenRejects("account-not-open", RejectionKind.Conflict);
        outcome.Rejection.Reason.Should().Contain(nameof(AccountStatus.Closed));
    }

    [Fact]
    public void Depositing_adds_to_the_balance() =>
        Given(Funded)
            .When(new Deposit(Eur(25.50m)))
            .ThenEmits(new MoneyDeposited(Eur(25.50m)))
            .ThenState(new AccountState { Status = AccountStatus.Open, Owner = "Ada Lovelace", Currency = "EUR", Balance = 125.50m });

    [Fact]
    public void Depositing_another_currency_is_rejected_as_currency_mismatch_and_changes_nothing()
    {
        var outcome = Given(Funded).When(new Deposit(new Money(5m, "USD")));

        outcome.ThenRejects("currency-mismatch", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("EUR").And.Contain("USD");
    }

    [Fact]
    public void Depositing_up_to_the_balance_limit_is_accepted()
    {
        var outcome = Given(Funded).When(new Deposit(Eur(SignalValidation.MaxAmount - 100m)));

        outcome.ThenEmits(new MoneyDeposited(Eur(SignalValidation.MaxAmount - 100m)));
        outcome.After.Balance.Should().Be(SignalValidation.MaxAmount);
    }

    [Fact]
    public void Depositing_past_the_balance_limit_is_rejected_as_balance_limit_and_changes_nothing() =>
        Given(Funded).When(new Deposit(Eur(SignalValidation.MaxAmount - 99.99m))).ThenRejects("balance-limit", RejectionKind.Unprocessable);

    [Fact]
    public void Withdrawing_takes_from_the_balance() =>
        Given(Funded)
            .When(new Withdraw(Eur(30m)))
            .ThenEmits(new MoneyWithdrawn(Eur(30m)))
            .ThenState(new AccountState { Status = AccountStatus.Open, Owner = "Ada Lovelace", Currency = "EUR", Balance = 70m });

    [Fact]
    public void Withdrawing_everything_available_is_accepted_and_leaves_zero()
    {
        var outcome = Given(Funded).When(new Withdraw(Eur(100m)));

        outcome.ThenEmits(new MoneyWithdrawn(Eur(100m)));
        outcome.After.Should().BeEquivalentTo(new { Balance = 0m, Held = 0m, Available = 0m });
    }

    [Fact]
    public void Withdraw_more_than_available_is_rejected_and_changes_nothing()
    {
        var outcome = Given(Funded).When(new Withdraw(Eur(100.01m)));

        outcome.ThenRejects("insufficient-funds", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("100.00 EUR").And.Contain("100.01 EUR");
    }

    [Fact]
    public void Withdraw_counts_held_money_as_unavailable()
    {
        var outcome = Given([.. Funded, new HoldPlaced("h-1", Eur(60m))]).When(new Withdraw(Eur(50m)));

        outcome.ThenRejects("insufficient-funds", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("Available 40.00 EUR").And.Contain("requested 50.00 EUR");
    }

    [Fact]
    public void Withdrawing_another_currency_is_rejected_as_currency_mismatch() =>
        Given(Funded).When(new Withdraw(new Money(1m, "GBP"))).ThenRejects("currency-mismatch", RejectionKind.Unprocessable);

    [Fact]
    public void Placing_a_hold_sets_money_aside_without_touching_the_balance()
    {
        var outcome = Given(Funded).When(new PlaceHold("h-1", Eur(60m)));

        outcome
            .ThenEmits(new HoldPlaced("h-1", Eur(60m)))
            .ThenState(new AccountState
            {
                Status = AccountStatus.Open,
                Owner = "Ada Lovelace",
                Currency = "EUR",
                Balance = 100m,
                Holds = new Dictionary<string, decimal> { ["h-1"] = 60m }.ToImmutableDictionary(),
            });
        outcome.After.Should().BeEquivalentTo(new { Held = 60m, Available = 40m });
    }

    [Fact]
    public void Placing_a_hold_over_available_is_rejected_as_insufficient_funds_and_changes_nothing() =>
        Given([.. Funded, new HoldPlaced("h-1", Eur(60m))])
            .When(new PlaceHold("h-2", Eur(40.01m)))
            .ThenRejects("insufficient-funds", RejectionKind.Unprocessable);

    [Fact]
    public void Placing_a_hold_of_exactly_what_is_available_is_accepted() =>
        Given([.. Funded, new HoldPlaced("h-1", Eur(60m))])
            .When(new PlaceHold("h-2", Eur(40m)))
            .ThenEmits(new HoldPlaced("h-2", Eur(40m)));

    [Fact]
    public void Placing_a_hold_with_an_existing_id_is_rejected_as_hold_exists() =>
        Given([.. Funded, new HoldPlaced("h-1", Eur(10m))])
            .When(new PlaceHold("h-1", Eur(10m)))
            .ThenRejects("hold-exists", RejectionKind.Conflict);

    [Fact]
    public void Placing_a_hold_in_another_currency_is_rejected_as_currency_mismatch() =>
        Given(Funded).When(new PlaceHold("h-1", new Money(1m, "USD"))).ThenRejects("currency-mismatch", RejectionKind.Unprocessable);

    [Fact]
    public void Releasing_a_hold_makes_its_money_available_again()
    {
        var outcome = Given([.. Funded, new HoldPlaced("h-1", Eur(60m)), new HoldPlaced("h-2", Eur(10m))])
            .When(new ReleaseHold("h-1"));

        outcome.ThenEmits(new HoldReleased("h-1", Eur(60m)));
        outcome.After.Should().BeEquivalentTo(new
        {
            Balance = 100m,
            Holds = new Dictionary<string, decimal> { ["h-2"] = 10m },
            Held = 10m,
            Available = 90m,
        });
    }

    [Fact]
    public void Releasing_an_unknown_hold_is_rejected_as_hold_not_found() =>
        Given(Funded).When(new ReleaseHold("h-9")).ThenRejects("hold-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Capturing_a_hold_takes_its_amount_from_the_balance_and_removes_it()
    {
        var outcome = Given([.. Funded, new HoldPlaced("h-1", Eur(60m))]).When(new CaptureHold("h-1"));

        outcome.ThenEmits(new HoldCaptured("h-1", Eur(60m)));
        outcome.After.Should().BeEquivalentTo(new
        {
            Balance = 40m,
            Holds = new Dictionary<string, decimal>(),
            Held = 0m,
            Available = 40m,
        });
    }

    [Fact]
    public void Capturing_an_unknown_hold_is_rejected_as_hold_not_found() =>
        Given(Funded).When(new CaptureHold("h-9")).ThenRejects("hold-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Capturing_a_released_hold_is_rejected_as_hold_not_found() =>
        Given([.. Funded, new HoldPlaced("h-1", Eur(60m)), new HoldReleased("h-1", Eur(60m))])
            .When(new CaptureHold("h-1"))
            .ThenRejects("hold-not-found", RejectionKind.Unprocessable);

    [Fact]
    public void Closing_an_empty_account_closes_it() =>
        Given(Opened)
            .When(new CloseAccount())
            .ThenEmits(new AccountClosed())
            .ThenState(new AccountState { Status = AccountStatus.Closed, Owner = "Ada Lovelace", Currency = "EUR" });

    [Fact]
    public void Closing_an_account_with_money_is_rejected_as_balance_not_zero()
    {
        var outcome = Given(Funded).When(new CloseAccount());

        outcome.ThenRejects("balance-not-zero", RejectionKind.Unprocessable);
        outcome.Rejection.Reason.Should().Contain("100.00 EUR");
    }

    [Fact]
    public void Closing_an_account_with_holds_is_rejected_as_holds_outstanding() =>
        Given([.. Funded, new HoldPlaced("h-1", Eur(60m))]).When(new CloseAccount()).ThenRejects("holds-outstanding", RejectionKind.Unprocessable);

    [Fact]
    public void Closing_after_withdrawing_everything_is_accepted() =>
        Given([.. Funded, new MoneyWithdrawn(Eur(100m))]).When(new CloseAccount()).ThenEmits(new AccountClosed());

    private static readonly Dictionary<string, AccountSignal> NonOpen = new()
    {
        ["deposit"] = new Deposit(Eur(1m)),
        ["withdraw"] = new Withdraw(Eur(1m)),
        ["place-hold"] = new PlaceHold("h-1", Eur(1m)),
        ["release-hold"] = new ReleaseHold("h-1"),
        ["capture-hold"] = new CaptureHold("h-1"),
        ["close"] = new CloseAccount(),
    };
}
