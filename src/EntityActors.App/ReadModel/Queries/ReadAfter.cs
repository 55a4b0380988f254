using System.Globalization;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;

namespace EntityActors.App.ReadModel.Queries;

/// <summary>
/// Read your writes: a list with <c>after</c> first makes sure the read model holds this signal of this entity (or
/// a later one). Written as a signal id (<c>accounts-alice:3</c>, as receipts give it) or as <c>accounts/alice@3</c>.
/// </summary>
public readonly record struct ReadAfter(EntityAddress Address, long Sequence)
{
    public static string Describe(string text) =>
        $"after must be a signal id (e.g. 'accounts-alice:3') or kind/id@sequence (e.g. 'accounts/alice@3') of a known kind; got '{(text.Length > 80 ? text[..80] + "…" : text)}'.";

    public static bool TryParse(string text, IEnumerable<string> kinds, out ReadAfter after)
    {
        after = default;
        string kind;
        string rest;
        char separator;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            kind = text[..slash];
            rest = text[(slash + 1)..];
            separator = '@';
            if (!kinds.Contains(kind, StringComparer.Ordinal))
            {
                return false;
            }
        }
        else
        {
            // A signal id is "{kind}-{id}:{sequence}"; the longest kind that prefixes it wins ("inventory-items" before any shorter).
            var match = kinds.Where(k => text.StartsWith(k + "-", StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault();
            if (match is null)
            {
                return false;
            }

            kind = match;
            rest = text[(match.Length + 1)..];
            separator = ':';
        }

        var at = rest.LastIndexOf(separator);
        if (at <= 0
            || !long.TryParse(rest.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || !EntityIds.IsValid(rest[..at]))
        {
            return false;
        }

        after = new ReadAfter(new EntityAddress(kind, rest[..at]), sequence);
        return true;
    }
}
