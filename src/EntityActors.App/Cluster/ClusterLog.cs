namespace EntityActors.App.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Critical, Message = "Refusing to run: this replica ({Replica}) disagrees with the others: {Disagreements}. Every replica must load the same components on the same stores; this one stops.")]
    public static partial void Disagrees(ILogger logger, string replica, string disagreements);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Components agree with {Peers} other replica(s) ({Answers} of {Asked} probes answered, {Own} by this replica itself)")]
    public static partial void Agrees(ILogger logger, int peers, int answers, int asked, int own);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Replica {Replica} started with components that disagree with this one: {Disagreements}")]
    public static partial void PeerDisagrees(ILogger logger, string replica, string disagreements);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Debug, Message = "Probe actor {ProbeId} did not answer; its replica is left out of the comparison")]
    public static partial void ProbeFailed(ILogger logger, Exception exception, string probeId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Critical, Message = "Refusing to run: the component agreement check could not finish: {Reason}")]
    public static partial void CheckFailed(ILogger logger, Exception? exception, string reason);
}
