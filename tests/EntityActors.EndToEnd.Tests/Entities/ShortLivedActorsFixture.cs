using System.Globalization;
using EntityActors.EndToEnd.Tests.Operations;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>
/// An environment whose entity actors deactivate after two idle seconds (the default is ten minutes), so a test can
/// watch an entity go idle, stay idle, and come back.
/// </summary>
public sealed class ShortLivedActorsFixture : IAsyncLifetime
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longer than the idle timeout: an actor goes idle before its reminder's first due time.</summary>
    public static readonly TimeSpan RedeliveryInterval = TimeSpan.FromSeconds(8);

    private OperationsEnvironment? operations;

    public LocalDaprEnvironment Environment =>
        (operations ?? throw new InvalidOperationException("The environment did not start.")).Environment;

    public async Task InitializeAsync()
    {
        operations = await OperationsEnvironment.StartAsync((binaries, log) => new()
        {
            DaprBinDirectory = binaries,
            Log = log,
            AppEnvironment =
            {
                ["EntityActors__Actors__IdleTimeout"] = IdleTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["EntityActors__Actors__ScanInterval"] = "00:00:01",
                ["EntityActors__Intake__RedeliveryInterval"] = RedeliveryInterval.ToString("c", CultureInfo.InvariantCulture),
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (operations is not null)
        {
            await operations.DisposeAsync();
        }
    }

    /// <summary>The most recent lines every process printed, oldest first.</summary>
    public IReadOnlyList<string> LogLines => operations?.LogLines ?? [];

    public void DumpLogs(ITestOutputHelper output) => operations?.DumpLogs(output);
}

/// <summary>The tests of <see cref="ShortLivedActorsFixture"/>, never beside another collection's timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ShortLivedActorsCollection : ICollectionFixture<ShortLivedActorsFixture>
{
    public const string Name = "dapr-short-lived-actors";
}
