using EntityActors.LocalRuntime;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>Three replicas on PostgreSQL (state.postgresql v2) with Redis streams for pub/sub, as production runs.</summary>
public sealed class PostgresFixture : ScaleOutFixture
{
    protected override LocalStore Store => LocalStore.Postgres;
}

/// <summary>Three replicas on Redis (state and pub/sub), its append-only file fsynced on every write.</summary>
public sealed class RedisFixture : ScaleOutFixture
{
    protected override LocalStore Store => LocalStore.Redis;
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "scale-out-postgres";
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "scale-out-redis";
}
