namespace EntityActors.Domain.Common;

/// <summary>Shape checks for free text (owner names, reasons), which unlike references may contain any characters.</summary>
public static class TextValidation
{
    public const int MaxTextLength = 200;

    /// <summary>Rejects null, blank and over-long text with code <c>invalid-{field}</c>.</summary>
    public static Rejection? Text(string? value, string field, int maxLength = MaxTextLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? Rejection.Invalid($"invalid-{field}", $"{field} must be 1-{maxLength} characters and not blank, got {value?.Length ?? 0} characters.")
            : null;
}
