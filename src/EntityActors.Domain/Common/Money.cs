namespace EntityActors.Domain.Common;

/// <summary>An amount in one currency. Arithmetic across currencies is a bug, so it throws.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + SameCurrency(left, right).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - SameCurrency(left, right).Amount, left.Currency);

    public Money Times(int quantity) => this with { Amount = Amount * quantity };

    public override string ToString() => $"{Amount:0.00} {Currency}";

    private static Money SameCurrency(Money left, Money right) =>
        string.Equals(left.Currency, right.Currency, StringComparison.Ordinal)
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
