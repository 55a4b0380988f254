namespace EntityActors.Bench.ScaleOut;

/// <summary>How the multi-replica run's senders pick the replica a request goes to (<c>--routing</c>).</summary>
public enum ReplicaRouting
{
    /// <summary>Each request to the next replica in turn (<see cref="RoundRobinHandler"/>), as a load balancer or a Service would.</summary>
    RoundRobin,

    /// <summary>Each entity's requests to the replica that named itself its writer (<see cref="EntityAffinityHandler"/>).</summary>
    Entity,
}
