using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>
/// A single-currency account whose balance never goes negative: money can be deposited, withdrawn, or held
/// (set aside) and later captured or released.
/// </summary>
public sealed class Account : IEntity<AccountState, AccountSignal, AccountEvent>
{
    private Account()
    {
    }

    public static string Kind => "accounts";

    public static AccountState Initial { get; } = new();

    public static Decision<AccountEvent> Decide(AccountState state, AccountSignal signal, EntityContext context)
    {
        if (signal.Validate() is { } invalid)
        {
            return Reject(invalid);
        }

        return (state, signal) switch
        {
            ({ Status: AccountStatus.Unopened }, OpenAccount open) => Accept(new AccountOpened(open.Owner, open.Currency)),
            (_, OpenAccount) => Reject(Rejection.Conflict("account-already-open", $"The account is already {state.Status}.")),

            ({ Status: not AccountStatus.Open }, _) =>
                Reject(Rejection.Conflict("account-not-open", $"The account is {state.Status}; only an open account accepts this.")),

            (_, Deposit { Amount: var amount }) when CurrencyMismatch(state, amount) is { } mismatch => Reject(mismatch),
            (_, Deposit { Amount: var amount }) when state.Balance + amount.Amount > SignalValidation.MaxAmount =>
                Reject(Rejection.Unprocessable(
                    "balance-limit",
                    $"Depositing {amount} would take the balance over {InCurrency(state, SignalValidation.MaxAmount)}.")),
            (_, Deposit deposit) => Accept(new MoneyDeposited(deposit.Amount)),

            (_, Withdraw { Amount: var amount }) when CurrencyMismatch(state, amount) is { } mismatch => Reject(mismatch),
            (_, Withdraw { Amount: var amount }) when amount.Amount > state.Available => Reject(InsufficientFunds(state, amount)),
            (_, Withdraw withdraw) => Accept(new MoneyWithdrawn(withdraw.Amount)),

            (_, PlaceHold { Amount: var amount }) when CurrencyMismatch(state, amount) is { } mismatch => Reject(mismatch),
            (_, PlaceHold hold) when state.Holds.ContainsKey(hold.HoldId) =>
                Reject(Rejection.Conflict("hold-exists", $"Hold {hold.HoldId} already exists.")),
            (_, PlaceHold hold) when hold.Amount.Amount > state.Available => Reject(InsufficientFunds(state, hold.Amount)),
            (_, PlaceHold hold) => Accept(new HoldPlaced(hold.HoldId, hold.Amount)),

            (_, ReleaseHold release) when state.Holds.TryGetValue(release.HoldId, out var held) =>
                Accept(new HoldReleased(release.HoldId, InCurrency(state, held))),
            (_, ReleaseHold release) => Reject(HoldNotFound(release.HoldId)),

            (_, CaptureHold capture) when state.Holds.TryGetValue(capture.HoldId, out var held) =>
                Accept(new HoldCaptured(capture.HoldId, InCurrency(state, held))),
            (_, CaptureHold capture) => Reject(HoldNotFound(capture.HoldId)),

            // Holds first: an outstanding hold implies a non-zero balance, and it is the more useful answer.
            (_, CloseAccount) when !state.Holds.IsEmpty => Reject(Rejection.Unprocessable(
                "holds-outstanding",
                $"{state.Holds.Count} hold(s) totalling {InCurrency(state, state.Held)} must be captured or released first.")),
            (_, CloseAccount) when state.Balance != 0m => Reject(Rejection.Unprocessable(
                "balance-not-zero",
                $"The balance is {InCurrency(state, state.Balance)}; only an empty account can close.")),
            (_, CloseAccount) => Accept(new AccountClosed()),

            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.GetType().Name, "Unknown account signal."),
        };
    }

    public static AccountState Apply(AccountState state, AccountEvent @event) =>
        @event switch
        {
            AccountOpened opened => state with { Status = AccountStatus.Open, Owner = opened.Owner, Currency = opened.Currency },
            MoneyDeposited deposited => state with { Balance = state.Balance + deposited.Amount.Amount },
            MoneyWithdrawn withdrawn => state with { Balance = state.Balance - withdrawn.Amount.Amount },
            HoldPlaced placed => state with { Holds = state.Holds.Add(placed.HoldId, placed.Amount.Amount) },
            HoldReleased released => state with { Holds = state.Holds.Remove(released.HoldId) },
            HoldCaptured captured => state with
            {
                Balance = state.Balance - captured.Amount.Amount,
                Holds = state.Holds.Remove(captured.HoldId),
            },
            AccountClosed => state with { Status = AccountStatus.Closed },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
        };

    private static Rejection? CurrencyMismatch(AccountState state, Money amount) =>
        amount.Currency == state.Currency
            ? null
            : Rejection.Unprocessable("currency-mismatch", $"The account holds {state.Currency}, not {amount.Currency}.");

    private static Rejection InsufficientFunds(AccountState state, Money requested) =>
        Rejection.Unprocessable(
            "insufficient-funds",
            $"Available {InCurrency(state, state.Available)}, requested {requested}.");

    private static Rejection HoldNotFound(string holdId) =>
        Rejection.Unprocessable("hold-not-found", $"There is no hold {holdId}.");

    private static Money InCurrency(AccountState state, decimal amount) => new(amount, state.Currency ?? "");

    private static Decision<AccountEvent> Accept(AccountEvent @event) => Decision<AccountEvent>.Accept(@event);

    private static Decision<AccountEvent> Reject(Rejection rejection) => Decision<AccountEvent>.Reject(rejection);
}
