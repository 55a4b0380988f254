using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntityActors.App.Http;

namespace EntityActors.App.Subscriptions;

/// <summary>
/// The idempotency key a pub/sub signal without one gets from its CloudEvent: <c>source</c> and <c>id</c> together, which
/// the CloudEvents spec makes unique, so two publishers numbering their events alike never share a key (one of the
/// two would be taken for a repeat and lost); a message redelivered gets the same key, across versions of this code too.
/// </summary>
public static class CloudEventKeys
{
    private const string Prefix = "ce:";

    /// <summary>
    /// The key for the event <paramref name="id"/> from <paramref name="source"/>, and the key versions before this one
    /// gave it from its id alone (null when the same); Key is null when the event has no usable id.
    /// </summary>
    public static (string? Key, string? FormerKey) For(JsonElement id, string? source)
    {
        var text = Text(id);
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var idOnly = ForIdAlone(text);
        if (string.IsNullOrEmpty(source))
        {
            return (idOnly, null);
        }

        // A digest of both, fixed in length whatever they are; the length of each goes first so that no two pairs
        // spell the same text.
        var both = Encoding.UTF8.GetBytes($"{source.Length}:{source}{text.Length}:{text}");
        return (Prefix + "src:" + Convert.ToHexStringLower(SHA256.HashData(both)), idOnly);
    }

    private static string? Text(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => id.GetString(),
        JsonValueKind.Number => id.GetRawText(),
        _ => null,
    };

    /// <summary>The key from the id alone, as versions before the source counted gave it.</summary>
    private static string ForIdAlone(string text)
    {
        // Letters and digits alone, and GUIDs in any of their spellings, keep the key still earlier versions gave them
        // (the id with everything else dropped); for those two shapes dropping the rest loses nothing. Any other id is
        // kept whole where it fits a key, else hashed.
        var compact = new string([.. text.Where(char.IsAsciiLetterOrDigit)]);
        if ((compact.Length == text.Length || Guid.TryParse(text, out _)) && IdempotencyKeys.IsValid(Prefix + compact))
        {
            return Prefix + compact;
        }

        return IdempotencyKeys.IsValid(Prefix + "id:" + text)
            ? Prefix + "id:" + text
            : Prefix + "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
