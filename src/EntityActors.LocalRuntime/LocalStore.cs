namespace EntityActors.LocalRuntime;

/// <summary>Which store the local runtime runs the app on, and so which servers it starts itself.</summary>
public enum LocalStore
{
    /// <summary><c>components/local</c>: two SQLite files and in-sidecar pub/sub; no server, one replica only.</summary>
    Sqlite,

    /// <summary><c>components/redis</c>: a <c>redis-server</c> with an append-only file, fsynced on every write.</summary>
    Redis,

    /// <summary><c>components/postgres</c>: a PostgreSQL server of its own (state) and a Redis (pub/sub streams).</summary>
    Postgres,
}

/// <summary>What each <see cref="LocalStore"/> means on disk.</summary>
public static class LocalStoreFacts
{
    /// <summary>The folder under <c>components/</c> holding the store's Dapr components.</summary>
    public static string ComponentsFolder(this LocalStore store) => store switch
    {
        LocalStore.Sqlite => "local",
        LocalStore.Redis => "redis",
        LocalStore.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, "Unknown store."),
    };

    /// <summary>Parses <c>sqlite</c>, <c>redis</c> or <c>postgres</c> (any case).</summary>
    /// <exception cref="FormatException">Another value.</exception>
    public static LocalStore Parse(string text) =>
        !text.Any(char.IsAsciiDigit) && Enum.TryParse<LocalStore>(text, ignoreCase: true, out var store) && Enum.IsDefined(store)
            ? store
            : throw new FormatException($"--store takes sqlite, redis or postgres, not '{text}'.");
}
