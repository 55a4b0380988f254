using Dapr.Actors;

namespace EntityActors.App.Cluster;

/// <summary>
/// A stateless actor every replica hosts: placement puts each probe id on one replica, so calling several ids reaches
/// the others through the one channel all replicas of an app id must share.
/// </summary>
public interface IReplicaProbeActor : IActor
{
    Task<AgreementAnswer> CompareAsync(AgreementRequest request);
}
