using System.Globalization;
using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Client;
using EntityActors.App.Health;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Cluster;

/// <summary>
/// At start, asks the other replicas (through probe actors that placement spreads over them) for their fingerprints and
/// whether their stores hold a marker this replica just wrote to its own. Any difference stops this replica with a
/// message that names it (exit code 3); until the comparison passes, the replica is not ready and its entity actors take
/// no calls. Replicas that start at the very same moment may not see each other yet: each compares with the replicas
/// already in placement's table.
/// </summary>
public sealed class ClusterAgreementCheck(
    IOptions<ClusterOptions> options,
    ClusterAgreement agreement,
    ReplicaFingerprints fingerprints,
    SidecarClient sidecar,
    IActorProxyFactory proxies,
    IHostApplicationLifetime lifetime,
    ILogger<ClusterAgreementCheck> logger) : BackgroundService
{
    /// <summary>The process exit code of a replica that refused to run.</summary>
    public const int RefusedExitCode = 3;

    private static readonly TimeSpan SidecarPollInterval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AgreementCheck)
        {
            agreement.Agree();
            return;
        }

        try
        {
            await WaitForActorRuntimeAsync(stoppingToken);
            var mine = await fingerprints.MineAsync(stoppingToken);
            var markerKey = ReplicaFingerprints.NewMarkerKey();
            var markerValue = Guid.NewGuid().ToString("N");
            await fingerprints.WriteMarkerAsync(markerKey, markerValue, stoppingToken);
            var request = new AgreementRequest { Caller = mine, MarkerKey = markerKey, MarkerValue = markerValue };
            var answers = await Task.WhenAll(Enumerable.Range(0, options.Value.ProbeActors).Select(probe => AskAsync(probe, request, stoppingToken)));
            await fingerprints.DeleteMarkerAsync(markerKey, stoppingToken);

            var peers = answers.OfType<AgreementAnswer>().Where(answer => answer.Host.Replica != mine.Replica).ToList();
            var disagreements = peers
                .SelectMany(peer => FingerprintComparison.Disagreements(mine, peer.Host, peer.MarkerSeen, peer.Host.Replica))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (disagreements.Count > 0)
            {
                Refuse(mine.Replica, string.Join("; ", disagreements));
                return;
            }

            var answered = answers.Count(answer => answer is not null);
            var others = peers.Select(peer => peer.Host.Replica).Distinct(StringComparer.Ordinal).Count();
            ClusterLog.Agrees(logger, others, answered, answers.Length, answered - peers.Count);
            agreement.Agree();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the check finished.
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or JsonException or Dapr.DaprException)
        {
            ClusterLog.CheckFailed(logger, ex, ex.Message);
            agreement.Refuse($"The component agreement check could not finish: {ex.Message}");
            Stop();
        }
    }

    private void Refuse(string replica, string disagreements)
    {
        ClusterLog.Disagrees(logger, replica, disagreements);
        agreement.Refuse($"This replica's components disagree with the other replicas': {disagreements}");
        Stop();
    }

    private void Stop()
    {
        Environment.ExitCode = RefusedExitCode;
        lifetime.StopApplication();
    }

    private async Task<AgreementAnswer?> AskAsync(int probe, AgreementRequest request, CancellationToken cancellationToken)
    {
        var id = "probe-" + probe.ToString(CultureInfo.InvariantCulture);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.ProbeTimeout);
            var proxy = proxies.Create(new ActorId(id), nameof(ReplicaProbeActor));
            return await proxy.InvokeMethodAsync<AgreementRequest, AgreementAnswer>(nameof(IReplicaProbeActor.CompareAsync), request, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ClusterLog.ProbeFailed(logger, ex, id);
            return null;
        }
    }

    // The sidecar must be in placement's table (and know its own actor types) before a probe can reach anyone.
    private async Task WaitForActorRuntimeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.SidecarTimeout);
        try
        {
            while (true)
            {
                try
                {
                    var metadata = await sidecar.GetMetadataAsync(deadline.Token);
                    if (metadata.TryGetProperty("actorRuntime", out var actors)
                        && actors.TryGetProperty("hostReady", out var ready) && ready.ValueKind == JsonValueKind.True
                        && actors.TryGetProperty("placement", out var placement) && placement.GetString() == "placement: connected")
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !deadline.IsCancellationRequested))
                {
                    // Sidecar not up yet.
                }

                await Task.Delay(SidecarPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The sidecar's actor runtime was not connected to placement within {options.Value.SidecarTimeout}.");
        }
    }
}
