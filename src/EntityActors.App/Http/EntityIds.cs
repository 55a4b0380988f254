using System.Text.RegularExpressions;

namespace EntityActors.App.Http;

/// <summary>Entity ids become actor ids, workflow instance ids and state keys: keep them to a safe alphabet.</summary>
public static partial class EntityIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Describe(string? id) =>
        $"Entity ids are 1-{MaxLength} characters of letters, digits, '-' and '_', starting with a letter or digit; got '{Truncate(id)}'.";

    private static string? Truncate(string? value) => value is { Length: > 80 } ? value[..80] + "…" : value;

    // \z, not $: $ also matches before a trailing newline, which would let "id\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
