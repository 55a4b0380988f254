using System.Globalization;
using System.Xml;
using EntityActors.App.Http;
using EntityActors.App.ReadModel.Projections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace EntityActors.App.ReadModel.Queries;

/// <summary>
/// Turns <c>GET /{kind}?…</c> into an <see cref="EntityListRequest"/>, or a 400 problem with a stable code naming the
/// first malformed parameter. Strict: a parameter this kind does not know is refused rather than silently ignored, so a
/// typo never lists everything.
/// </summary>
public static class EntityListRequestParser
{
    public const string Status = "status";
    public const string ChangedAfter = "changedAfter";
    public const string ChangedBefore = "changedBefore";
    public const string IdleFor = "idleFor";
    public const string Limit = "limit";
    public const string Cursor = "cursor";
    public const string After = "after";
    public const string Wait = "wait";

    private static readonly string[] Common = [Status, ChangedAfter, ChangedBefore, IdleFor, Limit, Cursor, After, Wait];

    public static (EntityListRequest? Request, ProblemHttpResult? Problem) Parse(
        IQueryCollection query, StringValues prefer, IEntityProjection projection, EntityProjections all, IEnumerable<string> kinds,
        ReadModelOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in query.Keys)
        {
            if (Common.Contains(name, StringComparer.Ordinal) || projection.Filters.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            return all.All.Any(other => other.Filters.Contains(name, StringComparer.Ordinal))
                ? Fail("unsupported-filter", $"'{Short(name)}' does not filter {projection.Kind}; its parameters: {string.Join(", ", Common.Concat(projection.Filters))}.")
                : Fail("unknown-parameter", $"'{Short(name)}' is not a parameter of GET /{projection.Kind}; known: {string.Join(", ", Common.Concat(projection.Filters))}.");
        }

        var limit = options.DefaultPageSize;
        if (Text(query, Limit) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > options.MaxPageSize))
        {
            return Fail("invalid-limit", $"limit must be a whole number from 1 to {options.MaxPageSize}; got '{Short(limitText)}'.");
        }

        List<string>? statuses = null;
        if (Text(query, Status) is { } statusText)
        {
            statuses = [.. statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
            if (statuses.Count == 0 || statuses.FirstOrDefault(s => !projection.Statuses.Contains(s, StringComparer.Ordinal)) is { } unknown)
            {
                return Fail("invalid-status", $"status must be one or more of {string.Join(", ", projection.Statuses)} (comma-separated); got '{Short(statusText)}'.");
            }
        }

        if (!TryTimestamp(query, ChangedAfter, out var changedAfter, out var problem) || !TryTimestamp(query, ChangedBefore, out var changedBefore, out problem))
        {
            return (null, problem);
        }

        if (changedAfter >= changedBefore)
        {
            return Fail("invalid-range", "changedAfter must be earlier than changedBefore.");
        }

        DateTimeOffset? idleSince = null;
        if (Text(query, IdleFor) is { } idleText)
        {
            if (ParseDuration(idleText) is not { } idle)
            {
                return Fail("invalid-duration", $"idleFor must be an ISO-8601 duration (e.g. PT30M, P1D), a number of seconds or 00:30:00; got '{Short(idleText)}'.");
            }

            idleSince = now - idle;
        }

        if (!TryAmount(query, AccountProjection.MinBalance, out var minBalance, out problem) || !TryAmount(query, AccountProjection.MaxBalance, out var maxBalance, out problem))
        {
            return (null, problem);
        }

        if (minBalance > maxBalance)
        {
            return Fail("invalid-range", "minBalance must not exceed maxBalance.");
        }

        long? belowStock = null;
        if (Text(query, InventoryItemProjection.BelowStock) is { } stockText)
        {
            if (!long.TryParse(stockText, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level > int.MaxValue)
            {
                return Fail("invalid-stock-level", $"belowStock must be a whole number of units, 0 or more; got '{Short(stockText)}'.");
            }

            belowStock = level;
        }

        // Limit, cursor, after and wait shape a page, not which entities the list holds: pages of one list may differ in them.
        var list = ListCursor.ListOf(projection.Kind, query
            .Where(parameter => parameter.Key is not (Limit or Cursor or After or Wait))
            .Select(parameter => KeyValuePair.Create(parameter.Key, parameter.Value.ToString())));
        ListCursor? cursor = null;
        if (Text(query, Cursor) is { } cursorText)
        {
            var (givenFor, bare) = ListCursor.Unbind(cursorText);
            if (!ListCursor.TryDecode(bare, out var decoded))
            {
                return Fail("invalid-cursor", "cursor must be the nextCursor of an earlier page, unchanged.");
            }

            if (givenFor is not null && givenFor != list)
            {
                return Fail("invalid-cursor",
                    $"cursor is the nextCursor of another list: pass it with the kind and filters of the page that gave it (only limit may change), or start again without it.");
            }

            cursor = decoded;
        }

        ReadAfter? after = null;
        if (Text(query, After) is { } afterText)
        {
            if (!ReadAfter.TryParse(afterText, kinds, out var parsed))
            {
                return Fail("invalid-after", ReadAfter.Describe(afterText));
            }

            after = parsed;
        }

        var (wait, waitError) = WaitPreference.Parse(prefer, query[Wait]);
        if (waitError is not null)
        {
            return Fail("invalid-wait", waitError);
        }

        var listQuery = new EntityListQuery(
            projection.Kind, limit, statuses, changedAfter, changedBefore, idleSince, minBalance, maxBalance, belowStock, cursor);
        return (new EntityListRequest(listQuery, after, wait ?? TimeSpan.Zero, list), null);
    }

    /// <summary>
    /// An ISO-8601 duration (<c>PT30M</c>, <c>P1DT2H</c>), a plain number of seconds or <c>[d.]hh:mm:ss</c>; null when none,
    /// or negative. Lists and bulk operations read <c>idleFor</c> with it, so the same text means the same time in both.
    /// </summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (text.Contains(':'))
        {
            return TimeSpan.TryParseExact(text, ["c"], CultureInfo.InvariantCulture, out var clock) && clock >= TimeSpan.Zero ? clock : null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (!text.StartsWith('P'))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static bool TryTimestamp(IQueryCollection query, string name, out DateTimeOffset? value, out ProblemHttpResult? problem)
    {
        value = null;
        problem = null;
        if (Text(query, name) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            problem = Fail("invalid-timestamp", $"{name} must be an ISO-8601 instant, e.g. 2026-12-02T10:00:00Z; got '{Short(text)}'.").Problem;
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryAmount(IQueryCollection query, string name, out decimal? value, out ProblemHttpResult? problem)
    {
        value = null;
        problem = null;
        if (Text(query, name) is not { } text)
        {
            return true;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            problem = Fail("invalid-amount", $"{name} must be a decimal amount, e.g. 100 or -12.50; got '{Short(text)}'.").Problem;
            return false;
        }

        value = parsed;
        return true;
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static (EntityListRequest? Request, ProblemHttpResult? Problem) Fail(string code, string detail) =>
        (null, Problems.BadRequest(code, detail));

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
