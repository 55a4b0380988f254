using System.Globalization;
using Npgsql;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Reads a PostgreSQL connection string in the forms the sidecar's component takes (libpq key/value pairs, or a
/// <c>postgres://</c> URL) as well as Npgsql's own, so the app connects with the very Secret the component uses.
/// </summary>
public static class PostgresConnectionStrings
{
    private static readonly Dictionary<string, string> LibpqToNpgsql = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["database"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
    };

    /// <summary>An Npgsql connection string for <paramref name="connectionString"/>; libpq settings Npgsql lacks are refused.</summary>
    /// <exception cref="FormatException">A form or setting that has no Npgsql equivalent.</exception>
    public static string ToNpgsql(string connectionString)
    {
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(new Uri(text));
        }

        // Npgsql's own form separates its settings with semicolons; libpq's with spaces.
        return text.Contains(';', StringComparison.Ordinal) || !text.Contains('=', StringComparison.Ordinal) ? text : FromKeyValues(text);
    }

    private static string FromKeyValues(string text)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var (key, value) in Pairs(text))
        {
            builder[Npgsql(key)] = Value(key, value);
        }

        return builder.ConnectionString;
    }

    private static string FromUrl(Uri url)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host };
        if (!url.IsDefaultPort && url.Port > 0)
        {
            builder.Port = url.Port;
        }

        if (url.UserInfo.Split(':', 2) is [var user, .. var rest] && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
            if (rest is [var password])
            {
                builder.Password = Uri.UnescapeDataString(password);
            }
        }

        if (url.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, string.Empty);
            builder[Npgsql(key)] = Value(key, value);
        }

        return builder.ConnectionString;
    }

    private static string Npgsql(string key) =>
        LibpqToNpgsql.TryGetValue(key, out var name) ? name : throw new FormatException($"The PostgreSQL setting '{key}' has no Npgsql equivalent.");

    private static string Value(string key, string value) => key.ToLowerInvariant() switch
    {
        // libpq's sslmode values are Npgsql's, spelled in lower case (verify-full → VerifyFull).
        "sslmode" => string.Concat(value.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..])),
        "connect_timeout" => int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>libpq key/value pairs: <c>key=value</c> separated by spaces, values optionally single-quoted with \' and \\ escapes.</summary>
    private static IEnumerable<(string Key, string Value)> Pairs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                throw new FormatException($"'{text[i..]}' is not a key=value pair.");
            }

            var key = text[i..equals].Trim();
            i = equals + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
            }
            else
            {
                for (; i < text.Length && !char.IsWhiteSpace(text[i]); i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }
            }

            yield return (key, value.ToString());
        }
    }
}
