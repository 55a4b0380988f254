using System.ComponentModel.DataAnnotations;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.Options;

/// <summary>Tunables of the entity workflows (section <c>EntityActors:Workflow</c>).</summary>
public sealed class EntityWorkflowOptions
{
    public const string Section = "EntityActors:Workflow";

    /// <summary>
    /// Batches a workflow takes before it continues as new, which bounds the events of its history. Every episode replays
    /// the generation's history in the worker, so short generations are cheaper per episode; each cycle costs one more.
    /// </summary>
    [Range(1, 10_000)]
    public int ContinueAsNewAfterBatches { get; set; } = 20;

    /// <summary>Signals a workflow applies before it continues as new, which bounds the payload its history holds.</summary>
    [Range(1, 100_000)]
    public int ContinueAsNewAfterSignals { get; set; } = 500;

    /// <summary>Attempts of the workflow's own activity (an idle cart sending itself <c>expire</c>) before it gives up.</summary>
    [Range(1, 100)]
    public int ActivityMaxAttempts { get; set; } = 10;

    public TimeSpan ActivityFirstRetry { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ActivityMaxRetry { get; set; } = TimeSpan.FromSeconds(10);

    public EntityWorkflowSettings ToSettings() =>
        new(ContinueAsNewAfterSignals, ActivityMaxAttempts, ActivityFirstRetry, ActivityMaxRetry, ContinueAsNewAfterBatches: ContinueAsNewAfterBatches);
}
