using System.Text.Json;
using EntityActors.App.Engine.Options;
using EntityActors.App.Health;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// Whether the entity writers active in this process may still answer from what they hold. A writer's view is the
/// entity only while no other activation can write it; placement hands a replica's entities to the others when the
/// replica stops answering (its process frozen by a stalled node or a suspended VM, its sidecar frozen or cut off from
/// placement), and the old activations, going on afterwards, would answer from what they held, for as long as they
/// live: a black-box probe read entities 1–2 versions behind from every replica for minutes after a 14–52 s freeze.
/// Each such interruption starts a new <see cref="Epoch"/>; a writer loads its entity again before it answers from a
/// view loaded in an earlier one (<see cref="Holds"/>), and a writer written past meanwhile sees the other's writes.
/// </summary>
public sealed partial class WriterContinuity(
    SidecarClient sidecar, IOptions<WriterContinuityOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<WriterContinuity> logger)
    : BackgroundService
{
    private readonly WriterContinuityOptions settings = options.Value;
    private long epoch;
    private long lastBeat = time.GetTimestamp();
    // Until the sidecar first says it hosts actors, as at start, when no activation can exist here yet.
    private volatile bool sidecarLost = true;
    private bool sidecarSeen;

    /// <summary>
    /// The current epoch. Also counts a pause the beat has not seen yet: after a freeze, the first request may run
    /// before the beating thread does.
    /// </summary>
    public long Epoch
    {
        get
        {
            Beat(note: false);
            return Volatile.Read(ref epoch);
        }
    }

    /// <summary>Whether a view loaded in <paramref name="loadedIn"/> is still the entity, as far as this process can tell.</summary>
    public bool Holds(long loadedIn) => Epoch == loadedIn && !sidecarLost;

    /// <summary>Asks the sidecar once whether it still holds its place; a change either way starts a new epoch.</summary>
    public async Task ObserveSidecarAsync(CancellationToken cancellationToken)
    {
        string? lost;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(settings.SidecarCheckTimeout);
        try
        {
            var metadata = await sidecar.GetMetadataAsync(bounded.Token);
            lost = SidecarMetadata.HostsActors(metadata)
                ? null
                : $"the sidecar reports its actor runtime as '{SidecarMetadata.Placement(metadata) ?? "unknown"}' and not ready for actors";
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            lost = $"the sidecar does not answer within {settings.SidecarCheckTimeout.TotalSeconds:0.0} s";
        }

        if ((lost is not null) == sidecarLost)
        {
            return;
        }

        Interlocked.Increment(ref epoch);
        sidecarLost = lost is not null;
        if (lost is not null && lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A stopping replica's sidecar hands its actors over: expected, and no warning at every stop.
            LogSidecarLostWhileStopping(logger, lost);
        }
        else if (lost is not null)
        {
            LogSidecarLost(logger, lost);
        }
        else if (sidecarSeen)
        {
            LogSidecarBack(logger);
        }

        sidecarSeen = true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A thread of its own: a beat from the thread pool would also stop when the pool is starved, which is no pause.
        var beating = new Thread(() =>
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Beat(note: true);
                stoppingToken.WaitHandle.WaitOne(settings.BeatInterval);
            }
        })
        {
            IsBackground = true,
            Name = "writer continuity beat",
        };
        beating.Start();
        return WatchSidecarAsync(stoppingToken);
    }

    private async Task WatchSidecarAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SidecarCheckInterval, time);
        try
        {
            do
            {
                await ObserveSidecarAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Notes that the process runs (<paramref name="note"/>: the beating thread; readers only look): a gap past
    /// <see cref="WriterContinuityOptions.MaxPause"/> since the last note starts a new epoch.
    /// </summary>
    private void Beat(bool note)
    {
        var previous = Volatile.Read(ref lastBeat);
        var now = time.GetTimestamp();
        var gap = time.GetElapsedTime(previous, now);
        if (!note && gap <= settings.MaxPause)
        {
            return;
        }

        // Only one of the callers that see the same gap counts it.
        if (Interlocked.CompareExchange(ref lastBeat, now, previous) == previous && gap > settings.MaxPause)
        {
            Interlocked.Increment(ref epoch);
            LogStoodStill(logger, gap.TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "The process stood still for {Seconds:0.0} s, long enough for placement to hand its entities to another replica: entity writers here load their entities again before answering")]
    private static partial void LogStoodStill(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Entity writers here load their entities again before every answer while {Reason}: placement may hand them to another replica")]
    private static partial void LogSidecarLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Information, Message = "This replica stops: entity writers here load their entities again before every answer while {Reason}")]
    private static partial void LogSidecarLostWhileStopping(ILogger logger, string reason);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "The sidecar holds its place again; entity writers here load their entities once more and then answer from them")]
    private static partial void LogSidecarBack(ILogger logger);
}
