using EntityActors.Domain.Common;

namespace EntityActors.App.Http;

/// <summary>Entity ids become actor ids, workflow instance ids and state keys: keep them to a safe alphabet.</summary>
public static class EntityIds
{
    public const int MaxLength = SignalValidation.MaxEntityIdLength;

    /// <summary><see cref="IsValid"/> as a JSON Schema (ECMA-262) pattern, for the API document; a test holds them equal.</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

    public static bool IsValid(string? id) => SignalValidation.IsEntityId(id);

    public static string Describe(string? id) =>
        $"Entity ids are 1-{MaxLength} characters of letters, digits, '-' and '_', starting with a letter or digit; got '{Truncate(id)}'.";

    private static string? Truncate(string? value) => value is { Length: > 80 } ? value[..80] + "…" : value;
}
