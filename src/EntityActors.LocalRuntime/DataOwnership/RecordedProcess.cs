namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>A process a run started, as its data folder's record keeps it.</summary>
internal sealed record RecordedProcess
{
    public required string Name { get; init; }

    public required int Pid { get; init; }

    /// <summary>See <see cref="ProcessIdentity"/>: with the pid, which process this was.</summary>
    public required long StartTime { get; init; }

    public override string ToString() => $"{Name} (pid {Pid})";
}
