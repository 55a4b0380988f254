namespace EntityActors.Domain.Common;

/// <summary>Shape checks every entity applies to the numbers and ids it is given.</summary>
public static class SignalValidation
{
    public const int MaxQuantity = 10_000;
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MaxReferenceLength = 128;

    public static Rejection? Quantity(int quantity, string field = "quantity") =>
        quantity <= 0 ? Rejection.Invalid("invalid-quantity", $"{field} must be positive, got {quantity}.")
        : quantity > MaxQuantity ? Rejection.Invalid("invalid-quantity", $"{field} must be at most {MaxQuantity}, got {quantity}.")
        : null;

    public static Rejection? Amount(Money? money, string field = "amount")
    {
        if (money is null)
        {
            return Rejection.Invalid("invalid-amount", $"{field} is required.");
        }

        if (Currency(money.Currency) is { } badCurrency)
        {
            return badCurrency;
        }

        return money.Amount <= 0m ? Rejection.Invalid("invalid-amount", $"{field} must be positive, got {money.Amount}.")
            : money.Amount > MaxAmount ? Rejection.Invalid("invalid-amount", $"{field} must be at most {MaxAmount}, got {money.Amount}.")
            : decimal.Round(money.Amount, 2) != money.Amount ? Rejection.Invalid("invalid-amount", $"{field} has more than 2 decimal places: {money.Amount}.")
            : null;
    }

    public static Rejection? Currency(string? currency) =>
        currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper)
            ? null
            : Rejection.Invalid("invalid-currency", $"currency must be a 3-letter ISO code in capitals, got '{currency}'.");

    /// <summary>Skus, hold ids, reservation ids: printable, short, no separators that would break keys.</summary>
    public static Rejection? Reference(string? value, string field) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxReferenceLength && value.All(IsReferenceChar)
            ? null
            : Rejection.Invalid($"invalid-{field}", $"{field} must be 1-{MaxReferenceLength} characters of letters, digits, '-', '_', '.' or ':', got '{Truncate(value)}'.");

    /// <summary>
    /// Skus and account ids a signal names are other entities' ids, which become actor ids, workflow instance ids and
    /// state keys: held to the entity-id alphabet (<see cref="IsEntityId"/>), stricter than <see cref="Reference"/>.
    /// </summary>
    public static Rejection? EntityReference(string? value, string field) =>
        IsEntityId(value)
            ? null
            : Rejection.Invalid($"invalid-{field}", $"{field} must be 1-{MaxEntityIdLength} characters of letters, digits, '-' and '_', starting with a letter or digit (it names an entity), got '{Truncate(value)}'.");

    public const int MaxEntityIdLength = 64;

    /// <summary>1-64 ASCII letters, digits, '-' and '_', starting with a letter or digit: no separator a key uses.</summary>
    public static bool IsEntityId(string? id) =>
        id is { Length: > 0 and <= MaxEntityIdLength }
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsReferenceChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    private static string? Truncate(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value;
}
