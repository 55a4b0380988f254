using System.Globalization;
using System.Text;

namespace EntityActors.LocalRuntime;

/// <summary>One series of a <see cref="PrometheusScrape"/>: a metric's name, its labels and its value.</summary>
public sealed record PrometheusSeries(string Metric, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, or null when the series has no such label.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// What the local processes report on their Prometheus endpoints (the apps' <c>/metrics</c>, the sidecars' metrics port),
/// read from the text exposition format: how the tests and the bench count what the processes did.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly IReadOnlyList<PrometheusSeries> series;

    private PrometheusScrape(IReadOnlyList<PrometheusSeries> series) => this.series = series;

    /// <summary>Every series of the scrape, in its order.</summary>
    public IReadOnlyList<PrometheusSeries> All => series;

    /// <summary>GETs <c>metrics</c> under <paramref name="address"/> and reads it.</summary>
    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, Uri address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Parse(await http.GetStringAsync(new Uri(address, "metrics"), cancellationToken));
    }

    /// <summary>Reads a scrape: comments and blank lines are skipped, a timestamp after a value is ignored.</summary>
    /// <exception cref="FormatException">A line is not a series.</exception>
    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<PrometheusSeries>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                parsed.Add(ParseLine(line));
            }
        }

        return new PrometheusScrape(parsed);
    }

    /// <summary>The series of <paramref name="metric"/> (the exact name), optionally only those <paramref name="where"/> holds for.</summary>
    public IEnumerable<PrometheusSeries> Of(string metric, Func<PrometheusSeries, bool>? where = null) =>
        series.Where(s => s.Metric == metric && (where is null || where(s)));

    /// <summary>The sum of <see cref="Of"/> (0 when the scrape has none).</summary>
    public double Sum(string metric, Func<PrometheusSeries, bool>? where = null) => Of(metric, where).Sum(s => s.Value);

    private static PrometheusSeries ParseLine(string line)
    {
        var nameEnd = line.IndexOfAny([' ', '{']);
        if (nameEnd <= 0)
        {
            throw new FormatException($"Not a Prometheus series: '{line}'.");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = nameEnd;
        if (line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels);
        }

        var value = line[position..].Trim().Split(' ')[0];
        return new PrometheusSeries(line[..nameEnd], labels, ParseValue(value, line));
    }

    /// <summary>Reads <c>name="value",…}</c> from <paramref name="position"/>; returns the position after the brace.</summary>
    private static int ParseLabels(string line, int position, Dictionary<string, string> labels)
    {
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"Not a Prometheus series: '{line}'.");
            }

            var value = new StringBuilder();
            var i = equals + 2;
            for (; i < line.Length && line[i] != '"'; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            if (i >= line.Length)
            {
                throw new FormatException($"Not a Prometheus series: '{line}'.");
            }

            labels[line[position..equals].Trim()] = value.ToString();
            position = i + 1;
        }
    }

    private static double ParseValue(string value, string line) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new FormatException($"Not a Prometheus series: '{line}'."),
    };
}
