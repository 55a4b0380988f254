using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace EntityActors.App.Http;

/// <summary>
/// How long a caller is willing to wait for an answer: RFC 7240 <c>Prefer: wait=N</c> (seconds) or the
/// query <c>?wait=N</c> / <c>?wait=true</c>.
/// </summary>
public static class WaitPreference
{
    public static readonly TimeSpan DefaultWhenRequested = TimeSpan.FromSeconds(5);

    /// <summary>Null when the caller does not wait; an error text when the preference is malformed.</summary>
    public static (TimeSpan? Wait, string? Error) Parse(StringValues preferHeader, StringValues waitQuery)
    {
        if (!StringValues.IsNullOrEmpty(waitQuery))
        {
            var text = waitQuery.ToString();
            if (bool.TryParse(text, out var flag))
            {
                return (flag ? DefaultWhenRequested : null, null);
            }

            return Seconds(text) is { } seconds ? (seconds, null) : (null, $"wait must be true, false or a number of seconds; got '{text}'.");
        }

        foreach (var preference in preferHeader.SelectMany(value => (value ?? string.Empty).Split(',')))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("wait", StringComparison.OrdinalIgnoreCase))
            {
                return Seconds(parts[1]) is { } seconds ? (seconds, null) : (null, $"Prefer: wait must be a number of seconds; got '{parts[1]}'.");
            }
        }

        return (null, null);
    }

    private static TimeSpan? Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
