using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EntityActors.LocalRuntime;

/// <summary>
/// Waits for processes to be ready, bounded and failing fast: a wait ends with the reason when a process it needs
/// exits, and a timeout names what was still awaited together with every process's last output.
/// </summary>
internal sealed class Readiness : IDisposable
{
    private const string ApiTokenHeader = "dapr-api-token";

    private readonly LocalDaprEnvironmentOptions options;
    private readonly HttpClient probe;
    private Func<string> describeProcesses = () => string.Empty;

    public Readiness(LocalDaprEnvironmentOptions options)
    {
        this.options = options;
        probe = new HttpClient { Timeout = options.ProbeTimeout };
        if (options.DaprApiToken is { } token)
        {
            probe.DefaultRequestHeaders.Add(ApiTokenHeader, token);
        }
    }

    /// <summary>What the last wait was for; named in a timeout's message.</summary>
    public string WaitingFor { get; private set; } = "nothing yet";

    public HttpClient Probe => probe;

    public static Uri Loopback(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Says how to describe every process of the environment in a failure message.</summary>
    public void DescribeWith(Func<string> describe) => describeProcesses = describe;

    public string DescribeProcesses() => describeProcesses();

    public CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        return deadline;
    }

    /// <summary>The exception to throw instead of <paramref name="exception"/> when it is the deadline running out.</summary>
    public TimeoutException? TimeoutFailure(Exception exception, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            ? new TimeoutException(
                $"Not ready within {options.StartupTimeout.TotalSeconds:0.#} s: still waiting for {WaitingFor}." +
                $"{Environment.NewLine}{DescribeProcesses()}",
                exception)
            : null;

    public async Task<HttpStatusCode?> GetStatusAsync(Uri address, CancellationToken cancellationToken)
    {
        using var response = await probe.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }

    public Task WaitForHealthzAsync(ManagedProcess process, int healthzPort, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            $"{process.Name} /healthz on port {Port(healthzPort)} to answer 200",
            [process],
            async token => (await GetStatusAsync(new Uri(Loopback(healthzPort), "healthz"), token)) == HttpStatusCode.OK,
            cancellationToken);

    public async Task WaitUntilAsync(
        string condition,
        IReadOnlyList<ManagedProcess> mustRun,
        Func<CancellationToken, Task<bool>> isMet,
        CancellationToken cancellationToken)
    {
        WaitingFor = condition;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (mustRun.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw new InvalidOperationException(
                    $"{exited} while waiting for {condition}.{Environment.NewLine}{DescribeProcesses()}");
            }

            try
            {
                if (await isMet(cancellationToken))
                {
                    options.Log?.Invoke($"[environment] {condition}: met after {clock.Elapsed.TotalSeconds:0.00} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This probe timed out; the next one may not.
            }

            await Task.Delay(options.ProbeInterval, cancellationToken);
        }
    }

    public void Dispose() => probe.Dispose();
}
