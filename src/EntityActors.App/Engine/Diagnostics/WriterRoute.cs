namespace EntityActors.App.Engine.Diagnostics;

/// <summary>How a batch reached its entity's single writer (the <c>route</c> tag of <c>entityactors.intake.writer_calls</c>).</summary>
public static class WriterRoute
{
    /// <summary>The writer is active in this process: handed over in process.</summary>
    public const string InProcess = "in-process";

    /// <summary>Handed straight to the replica hosting the writer (<see cref="Intake.PeerWriters"/>).</summary>
    public const string Peer = "peer";

    /// <summary>Taken from another replica by the writer active here (<see cref="Intake.PeerWriterEndpoint"/>).</summary>
    public const string PeerTaken = "peer-taken";

    /// <summary>Through the sidecar, as placement routes the actor call.</summary>
    public const string Sidecar = "sidecar";
}
