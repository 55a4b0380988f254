using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EntityActors.App.ReadModel.Queries;

/// <summary>
/// Where a page ends: the last entity's change time (Unix milliseconds) and id, the sort key of a list. Opaque to
/// callers (base64url); still valid when rows change between pages, since it names a place in the order, not an offset.
/// </summary>
public readonly record struct ListCursor(long LastChangedAtMs, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(LastChangedAtMs.ToString(CultureInfo.InvariantCulture) + ":" + Id));

    /// <summary>
    /// A cursor as a client gets it: bound to the list it was given for (kind and filters, <see cref="ListOf"/>), so
    /// that passing it with other filters or to another kind is refused rather than answered with a page of something
    /// else (base64url has no '.', so the binding reads back unambiguously).
    /// </summary>
    public static string Bind(string cursor, string list) => $"{list}.{cursor}";

    /// <summary>Splits a client's cursor into the list it names (null for a cursor given before cursors were bound) and the cursor.</summary>
    public static (string? List, string Cursor) Unbind(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (null, text) : (text[..dot], text[(dot + 1)..]);
    }

    /// <summary>A short digest of a list's kind and filters (what pages of one list share), in a fixed order.</summary>
    public static string ListOf(string kind, IEnumerable<KeyValuePair<string, string>> filters)
    {
        var text = new StringBuilder(kind);
        foreach (var (name, value) in filters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append('=').Append(value);
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 9));
    }

    public static bool TryDecode(string? text, out ListCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var changed))
        {
            return false;
        }

        cursor = new ListCursor(changed, decoded[(colon + 1)..]);
        return true;
    }
}
