using System.Buffers.Text;
using System.Globalization;
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
