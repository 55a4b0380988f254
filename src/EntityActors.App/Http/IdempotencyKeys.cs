using System.Text.RegularExpressions;

namespace EntityActors.App.Http;

/// <summary>The <c>Idempotency-Key</c> header: taken when given and well-formed, generated when absent.</summary>
public static partial class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <summary><see cref="IsValid"/> as a JSON Schema (ECMA-262) pattern, for the API document; a test holds them equal.</summary>
    public const string JsonPattern = "^[A-Za-z0-9_.:-]{1,128}$";

    public static bool IsValid(string key) => Pattern().IsMatch(key);

    public static string Describe(string key) =>
        $"{Header} must be 1-{MaxLength} characters of letters, digits, '-', '_', '.' or ':'; got '{(key.Length > 80 ? key[..80] + "…" : key)}'.";

    public static string Generate() => Guid.CreateVersion7().ToString("N");

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[A-Za-z0-9_.:-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
