using System.Globalization;
using EntityActors.EndToEnd.Tests.Operations;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Redis;

/// <summary>
/// The app on Redis, as the Kubernetes manifests run it (<c>components/redis</c>, pointed at a throwaway
/// <see cref="RedisServer"/>): state store and pub/sub are Redis, everything else as in the shared environment.
/// </summary>
public sealed class RedisAppFixture : IAsyncLifetime
{
    private readonly ProcessLog redisLog = new(200);
    private readonly string resources = Directory.CreateTempSubdirectory("entityactors-redis-components-").FullName;
    private RedisServer? redis;
    private OperationsEnvironment? operations;

    public LocalDaprEnvironment Environment =>
        (operations ?? throw new InvalidOperationException("The environment did not start.")).Environment;

    /// <summary>The most recent lines every process printed, oldest first.</summary>
    public IReadOnlyList<string> LogLines => operations?.LogLines ?? [];

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync(redisLog.Add);
        foreach (var component in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "components", "redis"), "*.yaml"))
        {
            var text = await File.ReadAllTextAsync(component);
            await File.WriteAllTextAsync(Path.Combine(resources, Path.GetFileName(component)), text.Replace("localhost:6379", redis.Address, StringComparison.Ordinal));
        }

        operations = await OperationsEnvironment.StartAsync((binaries, log) => new()
        {
            DaprBinDirectory = binaries,
            ResourcesPath = resources,
            Log = log,
            AppEnvironment =
            {
                ["EntityActors__Workflow__ContinueAsNewAfterSignals"] =
                    DaprAppFixture.ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (operations is not null)
        {
            await operations.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        Directory.Delete(resources, recursive: true);
    }

    public void DumpLogs(ITestOutputHelper output)
    {
        operations?.DumpLogs(output);
        redisLog.DumpTo(output);
    }
}
