using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntityActors.App.Http;

namespace EntityActors.App.Subscriptions;

/// <summary>
/// The idempotency key a pub/sub signal without one gets from its CloudEvent's <c>id</c>: two messages with different
/// ids must never share a key (one of them would be taken for a repeat and lost), and a message redelivered with the
/// same id must get the same key, across versions of this code too.
/// </summary>
public static class CloudEventKeys
{
    private const string Prefix = "ce:";

    /// <summary>The key for <paramref name="id"/>; null when the event has no usable id.</summary>
    public static string? For(JsonElement id)
    {
        var text = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Letters and digits alone, and GUIDs in any of their spellings, keep the key earlier versions gave them (the id
        // with everything else dropped), so a message redelivered across an upgrade is still a repeat; for those two
        // shapes dropping the rest loses nothing. Any other id is kept whole where it fits a key, else hashed.
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
