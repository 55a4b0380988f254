using System.Globalization;
using System.Net.Sockets;

namespace EntityActors.LocalRuntime.StoreServers;

/// <summary>
/// A <c>redis-server</c> on a free loopback port, durable the way a production Redis for actor state must be: an
/// append-only file in a folder of its own, fsynced on every write, so a killed server restarts with every
/// acknowledged write. The binary comes from <c>REDIS_SERVER</c>, else PATH (Debian: <c>apt-get install redis-server</c>).
/// </summary>
public sealed class LocalRedisServer : IAsyncDisposable
{
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(15);

    private readonly string binary;
    private readonly string directory;
    private readonly Action<string>? log;
    private ManagedProcess? process;

    private LocalRedisServer(string binary, string directory, int port, Action<string>? log)
    {
        this.binary = binary;
        this.directory = directory;
        this.log = log;
        Port = port;
    }

    /// <summary>The loopback port it listens on; the same across restarts.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, what a component's <c>redisHost</c> names.</summary>
    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Operating-system process id, or null when it does not run.</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    internal ManagedProcess? Process => process;

    /// <summary>Starts a server keeping its data in <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="InvalidOperationException">No <c>redis-server</c>, or it did not listen in time.</exception>
    public static async Task<LocalRedisServer> StartAsync(string directory, Action<string>? log, CancellationToken cancellationToken = default)
    {
        var binary = Locate() ?? throw new InvalidOperationException(
            "Running on Redis needs redis-server (Debian: apt-get install redis-server; .ci/run installs it), on PATH or named by REDIS_SERVER.");
        Directory.CreateDirectory(directory);
        var server = new LocalRedisServer(binary, Path.GetFullPath(directory), FreePorts.Allocate(1)[0], log);
        try
        {
            await server.StartProcessAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server (SIGKILL) and waits until it is gone.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => ProcessLauncher.KillAsync(process, cancellationToken);

    /// <summary>Starts it again (stopping it first if it runs) on the same port; it reloads its append-only file.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await ProcessLauncher.StopAsync(process, TimeSpan.FromSeconds(10), cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Starts a server again in place of one that exited, and waits until it listens.</summary>
    internal async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        await ProcessLauncher.StopAsync(process, TimeSpan.Zero, cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Stops the server (SIGTERM: it flushes and exits).</summary>
    public Task StopAsync(TimeSpan gracePeriod) => ProcessLauncher.StopAsync(process, gracePeriod);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        process = ProcessLauncher.Start("redis", binary, directory, new Dictionary<string, string?>(),
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", directory,
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--daemonize", "no",
        ],
        log);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ListenTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process} before it listened on {Address}: {string.Join(Environment.NewLine, process.RecentOutput())}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"redis-server did not listen on {Address} within {ListenTimeout.TotalSeconds:0} s.");
            }
        }
    }

    private static string? Locate()
    {
        var named = Environment.GetEnvironmentVariable("REDIS_SERVER");
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named) ? named : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);
    }
}
