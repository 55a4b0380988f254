using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.Relay;

/// <summary>What a <see cref="RelayLane"/> asks its runner to do next.</summary>
public abstract record RelayStep
{
    private RelayStep()
    {
    }

    /// <summary>Schedule the entity's workflow, which does not exist yet.</summary>
    public sealed record Start(WorkflowStart Workflow) : RelayStep;

    /// <summary>Publish what these decided signals did (events, reactions); then report <paramref name="Through"/> published.</summary>
    public sealed record Publish(IReadOnlyList<AppliedSignal> Signals, long Through) : RelayStep;

    /// <summary>Read the stored envelopes from <paramref name="From"/> to <paramref name="To"/>: they are not in memory.</summary>
    public sealed record Load(long From, long To) : RelayStep;

    /// <summary>Raise <paramref name="Batch"/> to the workflow (under a raise slot); then report <paramref name="Through"/> raised.</summary>
    public sealed record Raise(SignalBatch Batch, long Through) : RelayStep;

    /// <summary>Read the workflow's status to learn how far it applied.</summary>
    public sealed record ReadStatus : RelayStep;

    /// <summary>Wait for news (new signals, a workflow episode) or <paramref name="Timeout"/>.</summary>
    public sealed record Wait(TimeSpan Timeout) : RelayStep;

    /// <summary>Nothing is owed (or the lane gives up and leaves it to the redelivery reminder, with <paramref name="Reason"/>).</summary>
    public sealed record Stop(string? Reason = null) : RelayStep;
}
