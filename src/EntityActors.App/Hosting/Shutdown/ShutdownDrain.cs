using Microsoft.Extensions.Options;

namespace EntityActors.App.Hosting.Shutdown;

/// <summary>
/// The drain a replica goes through on SIGTERM, before its server stops listening: see <see cref="ShutdownOptions.DrainDelay"/>.
/// Runs as the first stage of the host's stop (every lifecycle service's stopping stage runs before any service stops,
/// the web server included), so the port stays open and keeps answering meanwhile.
/// </summary>
public sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private volatile bool draining;

    /// <summary>SIGTERM was received: new signals are refused, connections close after their response.</summary>
    public bool IsDraining => draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        LogDraining(options.Value.DrainDelay.TotalSeconds);
        try
        {
            await Task.Delay(options.Value.DrainDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The stop's own bound ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Stopping: draining for {Seconds} s (new signals refused, unhealthy for the sidecar, connections closed after each response)")]
    private partial void LogDraining(double seconds);
}
