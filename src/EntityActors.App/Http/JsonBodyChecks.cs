using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntityActors.App.Http;

/// <summary>
/// What a parsed JSON body can still hide from the serializer: two names for one field, and numbers it would round.
/// </summary>
public static class JsonBodyChecks
{
    /// <summary>The most decimal places a <see cref="decimal"/> holds; a number with more would be rounded, not refused.</summary>
    public const int MaxDecimalPlaces = 28;

    /// <summary>
    /// Two properties of one object whose names differ only in case (<c>amount</c> and <c>Amount</c>): field names are
    /// matched ignoring case, so one of the two values would be dropped without a word. Null when there are none.
    /// </summary>
    public static string? Ambiguity(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in json)
                {
                    if (!seen.TryAdd(name, name))
                    {
                        return $"'{seen[name]}' and '{name}' name the same field.";
                    }

                    if (Ambiguity(value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonArray array:
                return array.Select(Ambiguity).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }

    /// <summary>
    /// A number with more than <see cref="MaxDecimalPlaces"/> significant decimal places (<c>5.00000000000000000000000000001</c>),
    /// which the serializer would round to a nearby value and accept. Null when every number is exact.
    /// </summary>
    public static string? Imprecision(JsonNode? node) => node switch
    {
        JsonObject json => json.Select(property => Imprecision(property.Value)).FirstOrDefault(found => found is not null),
        JsonArray array => array.Select(Imprecision).FirstOrDefault(found => found is not null),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.ToJsonString() is var text && DecimalPlaces(text) > MaxDecimalPlaces =>
            $"{(text.Length > 40 ? text[..40] + "…" : text)} has more than {MaxDecimalPlaces} decimal places.",
        _ => null,
    };

    /// <summary>
    /// Rewrites every number written with zeros past its second decimal place (<c>1.0000000000</c>) at two (<c>1.00</c>):
    /// the same value, but a <see cref="decimal"/> keeps the scale it is read with, so an amount would carry the zeros
    /// into every balance and event after it. Numbers with more significant places are left for the rules to refuse.
    /// </summary>
    public static void TrimZeros(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var name in json.Select(property => property.Key).ToList())
                {
                    if (Trimmed(json[name]) is { } trimmed)
                    {
                        json[name] = trimmed;
                    }
                    else
                    {
                        TrimZeros(json[name]);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Trimmed(array[i]) is { } trimmed)
                    {
                        array[i] = trimmed;
                    }
                    else
                    {
                        TrimZeros(array[i]);
                    }
                }

                break;
        }
    }

    private static JsonValue? Trimmed(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var text = value.ToJsonString();
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point >= 0 && text.IndexOfAny(['e', 'E']) < 0 && text.Length - point - 1 > 2 && DecimalPlaces(text) <= 2
            && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(decimal.Round(number, 2))
            : null;
    }

    /// <summary>Significant decimal places of a JSON number's text: <c>1.50</c> has 1, <c>25e-3</c> 3, <c>1e5</c> 0.</summary>
    public static int DecimalPlaces(string number)
    {
        var text = number.AsSpan().TrimStart('-');
        var exponentAt = text.IndexOfAny('e', 'E');
        var exponent = 0;
        if (exponentAt >= 0)
        {
            // An exponent too large for an int is a number no signal field takes; the serializer refuses it.
            if (!int.TryParse(text[(exponentAt + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent))
            {
                return 0;
            }

            text = text[..exponentAt];
        }

        var point = text.IndexOf('.');
        var digits = point < 0 ? text.ToString() : string.Concat(text[..point], text[(point + 1)..]);
        var places = (long)(point < 0 ? 0 : text.Length - point - 1) - exponent;
        var significant = digits.TrimEnd('0');
        places -= digits.Length - significant.Length;
        return significant.Length == 0 ? 0 : (int)Math.Clamp(places, 0, int.MaxValue);
    }
}
