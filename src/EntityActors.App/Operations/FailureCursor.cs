using System.Globalization;

namespace EntityActors.App.Operations;

/// <summary>
/// Where the next page of an operation's failures starts: the stored record (its first position) and how many of its
/// failures the pages before took. Written as <c>record.taken</c>; opaque to clients, who follow <c>nextFailures</c>.
/// </summary>
public readonly record struct FailureCursor(int Record, int Taken)
{
    public static FailureCursor Start { get; } = new(0, 0);

    public static bool TryParse(string? text, out FailureCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0
            || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var record)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var taken))
        {
            return false;
        }

        cursor = new FailureCursor(record, taken);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Record}.{Taken}");
}
