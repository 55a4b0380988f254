namespace EntityActors.EndToEnd.Tests.Redis;

/// <summary>The tests on Redis: one <see cref="RedisAppFixture"/>, never beside another collection's timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection : ICollectionFixture<RedisAppFixture>
{
    public const string Name = "dapr-redis";
}
