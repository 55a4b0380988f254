using Dapr.Actors.Runtime;

namespace EntityActors.App.Cluster;

/// <summary>Answers a starting replica with this replica's fingerprint and whether its stores hold the caller's marker.</summary>
public sealed class ReplicaProbeActor(ActorHost host, ReplicaFingerprints fingerprints, ILogger<ReplicaProbeActor> logger)
    : Actor(host), IReplicaProbeActor
{
    public async Task<AgreementAnswer> CompareAsync(AgreementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await fingerprints.AnswerAsync(request, CancellationToken.None);
        var disagreements = FingerprintComparison.Disagreements(answer.Host, request.Caller, answer.MarkerSeen, request.Caller.Replica);
        if (disagreements.Count > 0)
        {
            ClusterLog.PeerDisagrees(logger, request.Caller.Replica, string.Join("; ", disagreements));
        }

        return answer;
    }
}
