using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
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

    /// <summary>
    /// Every keyword libpq 17 knows (libpq refuses any other), plus <c>database</c>, which the sidecar's driver (pgx) takes
    /// for <c>dbname</c>. A string whose keys are all among them is libpq's form, whatever its values hold.
    /// </summary>
    private static readonly HashSet<string> LibpqKeywords = new(StringComparer.Ordinal)
    {
        "host", "hostaddr", "port", "dbname", "database", "user", "password", "passfile", "require_auth", "channel_binding",
        "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name", "keepalives",
        "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode",
        "sslmode", "sslnegotiation", "sslcompression", "sslcert", "sslkey", "sslpassword", "sslcertmode", "sslrootcert",
        "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version", "ssl_max_protocol_version",
        "krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs", "load_balance_hosts",
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

        // libpq's form separates its settings with spaces and may have ';' inside a value (password=a;b, password='a;b');
        // Npgsql's separates them with ';'. libpq's keywords are lower case and few, Npgsql's are not; a string both can
        // read (host=db;port=5432) is the one that finds more settings in it, libpq's on a tie.
        return TryLibpqPairs(text, out var pairs) && pairs.Count >= NpgsqlSettingCount(text) ? FromKeyValues(pairs) : text;
    }

    private static string FromKeyValues(IEnumerable<(string Key, string Value)> pairs)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var (key, value) in pairs)
        {
            builder[Npgsql(key)] = Value(key, value);
        }

        return builder.ConnectionString;
    }

    /// <summary>How many settings Npgsql reads in <paramref name="text"/>; 0 when it cannot read it.</summary>
    private static int NpgsqlSettingCount(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text).Count;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Not Npgsql's form, e.g. a libpq string whose quoted value holds a ';' (or a value Npgsql cannot convert).
            return 0;
        }
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

    /// <summary>
    /// libpq's key/value form, read by libpq's rules (<c>conninfo_parse</c>): <c>key = value</c> pairs separated by
    /// whitespace; a value is either single-quoted, where <c>\'</c> and <c>\\</c> stand for a quote and a backslash, or
    /// runs to the next whitespace, where a backslash also takes the next character as it is. False when the text breaks
    /// these rules or names a key libpq does not know.
    /// </summary>
    private static bool TryLibpqPairs(string text, [NotNullWhen(true)] out List<(string Key, string Value)>? pairs)
    {
        pairs = [];
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return pairs.Count > 0;
            }

            var start = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var key = text[start..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] != '=' || !LibpqKeywords.Contains(key))
            {
                pairs = null;
                return false;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                if (i >= text.Length)
                {
                    // An unterminated quote.
                    pairs = null;
                    return false;
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

            pairs.Add((key, value.ToString()));
        }
    }
}
