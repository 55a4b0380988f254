using System.Globalization;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// A real Dapr environment of its own (placement, scheduler, the app, daprd on free loopback ports) for the
/// operations tests, which change what the shared <see cref="DaprAppFixture"/> must not: API tokens, exporters, a
/// killed sidecar. Keeps the processes' output in a bounded buffer for <see cref="DumpLogs"/>.
/// </summary>
public sealed class OperationsEnvironment : IAsyncDisposable
{
    private readonly ProcessLog log = new();
    private LocalDaprEnvironment? environment;

    public LocalDaprEnvironment Environment =>
        environment ?? throw new InvalidOperationException("The Dapr environment did not start.");

    /// <summary>
    /// Starts an environment with the options <paramref name="create"/> makes from the Dapr binaries' folder and the
    /// log to pass on. On failure everything started is stopped and the exception says why (never a skip).
    /// </summary>
    public static async Task<OperationsEnvironment> StartAsync(Func<string, Action<string>, LocalDaprEnvironmentOptions> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        DaprBinaries binaries;
        try
        {
            binaries = await DaprBinaries.ResolveAsync();
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException("The end-to-end tests need the Dapr runtime. " + exception.Message, exception);
        }

        var result = new OperationsEnvironment();
        var starting = new LocalDaprEnvironment(create(binaries.Directory, result.log.Add));
        try
        {
            await starting.StartAsync();
        }
        catch
        {
            await starting.DisposeAsync();
            throw;
        }

        result.environment = starting;
        result.log.Add($"[operations] environment ready in {starting.StartupDuration.TotalSeconds:0.0} s");
        return result;
    }

    /// <summary>The most recent lines every process printed, oldest first.</summary>
    public IReadOnlyList<string> LogLines => log.Snapshot();

    /// <summary>Writes the buffered output of every process to the test's output.</summary>
    public void DumpLogs(ITestOutputHelper output)
    {
        log.DumpTo(output);
    }

    public async ValueTask DisposeAsync()
    {
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }
    }

}
