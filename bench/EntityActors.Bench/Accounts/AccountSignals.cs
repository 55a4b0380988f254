using System.Globalization;

namespace EntityActors.Bench.Accounts;

/// <summary>
/// The account signals of the answered scenario, the same on the product and on Restate: one <c>open</c>, then
/// deposits of 1.00 and withdrawals of 2.00 in turn, so that about one withdrawal in two is refused for insufficient
/// funds (an answer, not an error) and the balance goes back to zero every four signals.
/// </summary>
public static class AccountSignals
{
    public const string Currency = "EUR";
    public const string Open = "open";
    public const string Deposit = "deposit";
    public const string Withdraw = "withdraw";
    public const string InsufficientFunds = "insufficient-funds";
    public const decimal DepositAmount = 1.00m;
    public const decimal WithdrawAmount = 2.00m;

    public static string OpenBody { get; } = $$"""{"owner":"bench","currency":"{{Currency}}"}""";

    /// <summary>The <paramref name="index"/>-th signal to one account after it was opened: even ones deposit, odd ones withdraw.</summary>
    public static (string Name, string Body) Nth(int index) =>
        index % 2 == 0 ? (Deposit, Body(DepositAmount)) : (Withdraw, Body(WithdrawAmount));

    /// <summary>The balance the answers imply: every accepted deposit in, every accepted withdrawal out.</summary>
    public static decimal Balance(int acceptedDeposits, int acceptedWithdrawals) =>
        (acceptedDeposits * DepositAmount) - (acceptedWithdrawals * WithdrawAmount);

    private static string Body(decimal amount) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"amount":{"amount":{{{amount:0.00}}},"currency":"{{{Currency}}}"}}""");
}
