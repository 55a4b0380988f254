namespace EntityActors.LocalRuntime.Supervision;

/// <summary>One place in an environment that a process fills (a replica's app, placement, the PostgreSQL server).</summary>
internal sealed record SupervisedProcess
{
    /// <summary>The process that fills it now (an exited one until it is started again), or null.</summary>
    public required Func<ManagedProcess?> Current { get; init; }

    /// <summary>Starts a new process in its place; called with the environment's lifecycle held.</summary>
    public required Func<CancellationToken, Task> StartAgainAsync { get; init; }

    /// <summary>Whether the place still belongs to the environment (a removed replica's do not).</summary>
    public Func<bool> Wanted { get; init; } = () => true;
}
