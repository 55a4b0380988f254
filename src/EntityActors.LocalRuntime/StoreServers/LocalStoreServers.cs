using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.LocalRuntime.StoreServers;

/// <summary>
/// The servers a <see cref="LocalStore"/> needs, started before any sidecar: none for SQLite; Redis for Redis;
/// PostgreSQL (state) and Redis (pub/sub streams) for PostgreSQL. Also makes the component folder point at them.
/// </summary>
public sealed class LocalStoreServers : IAsyncDisposable
{
    /// <summary>
    /// The daprd variable that <c>components/postgres</c> reads the connection string from (its secret store
    /// <c>secretstores.local.env</c> takes variables with the prefix <c>ENTITYACTORS_</c>; Kubernetes uses a Secret).
    /// </summary>
    public const string PostgresConnectionVariable = "ENTITYACTORS_POSTGRES_CONNECTION";

    // The redisHost written in components/redis and components/postgres; rewritten to the server's address.
    private const string ComponentRedisHost = "localhost:6379";

    private LocalStoreServers(LocalStore store, LocalRedisServer? redis, LocalPostgresServer? postgres)
    {
        Store = store;
        Redis = redis;
        Postgres = postgres;
    }

    /// <summary>The store these servers are for.</summary>
    public LocalStore Store { get; }

    /// <summary>The Redis server (state on <see cref="LocalStore.Redis"/>, pub/sub on both server stores), or null.</summary>
    public LocalRedisServer? Redis { get; }

    /// <summary>The PostgreSQL server on <see cref="LocalStore.Postgres"/>, or null.</summary>
    public LocalPostgresServer? Postgres { get; }

    /// <summary>What every sidecar needs in its environment to reach the servers.</summary>
    public IReadOnlyDictionary<string, string> DaprdEnvironment =>
        Postgres is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [PostgresConnectionVariable] = Postgres.ConnectionString };

    /// <summary>
    /// Variables every app gets: where its entity store's server is, for the app's own connections to it, and the read
    /// model on the same server, shared by every replica as production shares it (SQLite would give each its own list).
    /// </summary>
    public IReadOnlyDictionary<string, string> AppEnvironment =>
        Postgres is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>
            {
                ["EntityActors__EntityStore__PostgresConnectionString"] = Postgres.ConnectionString,
                ["EntityActors__ReadModel__Provider"] = "Postgres",
                ["EntityActors__ReadModel__PostgresConnectionString"] = Postgres.NpgsqlConnectionString,
            };

    internal IEnumerable<ManagedProcess> Processes => new[] { Redis?.Process, Postgres?.Process }.OfType<ManagedProcess>();

    internal IEnumerable<SupervisedProcess> Supervised()
    {
        if (Redis is { } redis)
        {
            yield return new SupervisedProcess { Current = () => redis.Process, StartAgainAsync = redis.StartAgainAsync };
        }

        if (Postgres is { } postgres)
        {
            yield return new SupervisedProcess { Current = () => postgres.Process, StartAgainAsync = postgres.StartAgainAsync };
        }
    }

    /// <summary>Starts the servers of <paramref name="store"/>, each in its own folder under <paramref name="dataDirectory"/>.</summary>
    public static async Task<LocalStoreServers> StartAsync(
        LocalStore store, string dataDirectory, Action<string>? log, CancellationToken cancellationToken = default)
    {
        LocalRedisServer? redis = null;
        LocalPostgresServer? postgres = null;
        try
        {
            if (store is LocalStore.Redis or LocalStore.Postgres)
            {
                redis = await LocalRedisServer.StartAsync(Path.Combine(dataDirectory, "redis"), log, cancellationToken);
            }

            if (store is LocalStore.Postgres)
            {
                postgres = await LocalPostgresServer.StartAsync(Path.Combine(dataDirectory, "postgres"), log, cancellationToken);
            }

            return new LocalStoreServers(store, redis, postgres);
        }
        catch
        {
            await new LocalStoreServers(store, redis, postgres).DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The component folder the sidecars load: <paramref name="source"/> itself when no server runs, else a copy in
    /// <paramref name="dataDirectory"/> whose <c>redisHost</c> names the Redis started here.
    /// </summary>
    public string PrepareResources(string source, string dataDirectory)
    {
        if (Redis is null)
        {
            return source;
        }

        var target = Directory.CreateDirectory(Path.Combine(dataDirectory, $"components-{Store.ComponentsFolder()}")).FullName;
        foreach (var file in Directory.EnumerateFiles(target, "*.yaml"))
        {
            File.Delete(file);
        }

        foreach (var file in Directory.EnumerateFiles(source, "*.yaml"))
        {
            var text = File.ReadAllText(file).Replace(ComponentRedisHost, Redis.Address, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }

        return target;
    }

    /// <summary>Stops the servers (after the sidecars: they would log every lost connection).</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (Postgres is not null)
        {
            await Postgres.StopAsync(gracePeriod);
        }

        if (Redis is not null)
        {
            await Redis.StopAsync(gracePeriod);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
