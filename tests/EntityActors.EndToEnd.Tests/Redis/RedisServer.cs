using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests.Redis;

/// <summary>
/// A throwaway <c>redis-server</c> on a free loopback port, in memory only (no snapshots, no append-only file),
/// stopped on dispose. The binary comes from <c>REDIS_SERVER</c>, else PATH; <c>.ci/run</c> installs Debian's.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ManagedProcess process;

    private RedisServer(ManagedProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync(Action<string> log)
    {
        var binary = Locate() ?? throw new InvalidOperationException(
            "The Redis end-to-end tests need redis-server (Debian: apt-get install redis-server; .ci/run installs it), " +
            "on PATH or named by REDIS_SERVER.");
        var port = FreePorts.Allocate(1)[0];
        var server = new RedisServer(
            ManagedProcess.Start(new ManagedProcessStartInfo
            {
                Name = "redis",
                FileName = binary,
                Arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
                Output = line => log("[redis] " + line),
            }),
            port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !server.process.HasExited)
            {
                await Task.Delay(50);
            }
            catch
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not listen on {server.Address} within 15 s.");
            }
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

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
