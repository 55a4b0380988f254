using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.Restate;

/// <summary>
/// The third side of the bench: a Restate server (one node, its own data folder, every port a free loopback one) and
/// the node service holding the virtual objects (<c>bench/restate/service.mjs</c>), registered with the server through
/// its admin API. Both stop when this is disposed, also when starting failed halfway.
/// </summary>
public sealed class RestateRuntime : IAsyncDisposable
{
    private const string ServiceReadyLine = "entityactors-restate-service listening";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly DirectoryInfo baseDirectory;
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TaskCompletionSource serviceListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManagedProcess? server;
    private ManagedProcess? service;

    private RestateRuntime(DirectoryInfo baseDirectory, IReadOnlyList<int> ports)
    {
        this.baseDirectory = baseDirectory;
        IngressAddress = Loopback(ports[0]);
        AdminAddress = Loopback(ports[1]);
        NodePort = ports[2];
        ServicePort = ports[3];
    }

    /// <summary>Where requests to the virtual objects go: <c>POST /{object}/{key}/{handler}</c>.</summary>
    public Uri IngressAddress { get; }

    public Uri AdminAddress { get; }

    public int NodePort { get; }

    public int ServicePort { get; }

    public int? ServerProcessId => server is { HasExited: false } running ? running.Id : null;

    public int? ServiceProcessId => service is { HasExited: false } running ? running.Id : null;

    public TimeSpan StartupDuration { get; private set; }

    /// <summary>Which server and SDK run, e.g. <c>restate-server 1.7.12, restate-sdk 1.17.2</c>.</summary>
    public string Versions { get; private set; } = "unknown";

    /// <summary>Starts the server and the service, registers the service and returns once the ingress answers a call.</summary>
    /// <exception cref="InvalidOperationException">A process exited while starting.</exception>
    /// <exception cref="TimeoutException">Not ready within two minutes.</exception>
    public static async Task<RestateRuntime> StartAsync(RestateInstallation installation, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(log);
        var runtime = new RestateRuntime(Directory.CreateTempSubdirectory("entityactors-bench-restate-"), FreePorts.Allocate(4));
        try
        {
            await runtime.StartProcessesAsync(installation, log, cancellationToken);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { service, server })
        {
            if (process is not null)
            {
                await process.StopAsync(StopGrace);
                await process.DisposeAsync();
            }
        }

        probe.Dispose();
        try
        {
            baseDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static Uri Loopback(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    private async Task StartProcessesAsync(RestateInstallation installation, Action<string> log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Versions = installation.Versions();
        server = ManagedProcess.Start(new ManagedProcessStartInfo
        {
            Name = "restate-server",
            FileName = installation.Server,
            Arguments = ["--no-logo"],
            WorkingDirectory = baseDirectory.FullName,
            Environment = ServerEnvironment(),
            Output = line => log("[restate] " + line),
        });
        service = ManagedProcess.Start(new ManagedProcessStartInfo
        {
            Name = "restate-service",
            FileName = installation.Node,
            Arguments = ["--import", "./" + RestateInstallation.Polyfill, RestateInstallation.ServiceScript, ServicePort.ToString(CultureInfo.InvariantCulture)],
            WorkingDirectory = installation.ServiceDirectory,
            Environment = new Dictionary<string, string?> { ["RESTATE_LOGGING"] = "WARN" },
            Output = line =>
            {
                log("[restate-service] " + line);
                if (line.StartsWith(ServiceReadyLine, StringComparison.Ordinal))
                {
                    serviceListening.TrySetResult();
                }
            },
        });

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartupTimeout);
        try
        {
            await UntilAsync("the admin API's /health", async token => (await probe.GetAsync(new Uri(AdminAddress, "health"), token)).IsSuccessStatusCode, deadline.Token);
            await UntilAsync("the service to listen", _ => Task.FromResult(serviceListening.Task.IsCompleted), deadline.Token);
            await UntilAsync("the deployment's registration", RegisterAsync, deadline.Token);
            await UntilAsync("the ingress to know the objects", IngressReadyAsync, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Restate was not ready within {StartupTimeout.TotalSeconds:0} s.{Tails()}");
        }

        StartupDuration = Stopwatch.GetElapsedTime(started);
    }

    private Dictionary<string, string?> ServerEnvironment() => new()
    {
        ["RESTATE_BASE_DIR"] = baseDirectory.FullName,
        ["RESTATE_NODE_NAME"] = "bench",
        ["RESTATE_LISTEN_MODE"] = "tcp",
        ["RESTATE_BIND_ADDRESS"] = $"127.0.0.1:{NodePort.ToString(CultureInfo.InvariantCulture)}",
        ["RESTATE_ADVERTISED_ADDRESS"] = $"http://127.0.0.1:{NodePort.ToString(CultureInfo.InvariantCulture)}/",
        ["RESTATE_INGRESS__BIND_ADDRESS"] = $"127.0.0.1:{IngressAddress.Port.ToString(CultureInfo.InvariantCulture)}",
        ["RESTATE_ADMIN__BIND_ADDRESS"] = $"127.0.0.1:{AdminAddress.Port.ToString(CultureInfo.InvariantCulture)}",
        ["RESTATE_DISABLE_TELEMETRY"] = "true",
        ["RESTATE_LOG_DISABLE_ANSI_CODES"] = "true",
        ["RESTATE_LOG_FORMAT"] = "compact",
    };

    private async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        var body = $$"""{"uri":"http://127.0.0.1:{{ServicePort.ToString(CultureInfo.InvariantCulture)}}","force":true}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await probe.PostAsync(new Uri(AdminAddress, "deployments"), content, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<bool> IngressReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await probe.PostAsync(new Uri(IngressAddress, "inventory-items/readiness-probe/get"), null, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Repeats <paramref name="ready"/> until it says yes; a process that exits meanwhile ends the start at once.</summary>
    private async Task UntilAsync(string what, Func<CancellationToken, Task<bool>> ready, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var process in new[] { server!, service! }.Where(p => p.HasExited))
            {
                throw new InvalidOperationException($"{process} exited while waiting for {what}.{Tails()}");
            }

            try
            {
                if (await ready(cancellationToken))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; the deadline decides.
            }

            await Task.Delay(ProbeInterval, cancellationToken);
        }
    }

    private string Tails() =>
        string.Concat(new[] { server, service }.OfType<ManagedProcess>().Select(p =>
            $"{Environment.NewLine}--- last output of {p}:{Environment.NewLine}{string.Join(Environment.NewLine, p.RecentOutput().TakeLast(30))}"));
}
