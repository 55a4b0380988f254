using Dapr.Workflow;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>What every entity actor needs, resolved once and shared by all activations.</summary>
public sealed class EntityActorServices(
    IEntityStore store,
    DaprWorkflowClient workflows,
    IOptions<IntakeOptions> intake,
    IOptions<PeerRoutingOptions> peerRouting,
    IOptions<EntityWorkflowOptions> workflowOptions,
    SignalRelay relay,
    InsertIfAbsentProbe insertIfAbsent,
    StateGroupCommit groupCommit,
    StoredEnvelopes envelopes,
    StoreReads reads,
    LocalEntityActors localActors,
    EntityChanges changes,
    SignalMetrics metrics,
    IOptions<ActorHostingOptions> actorHosting,
    Retention.EntityEraser eraser,
    WriterContinuity continuity,
    TimeProvider time)
{
    /// <summary>The app's own records: keys, envelopes, heads, outcome records.</summary>
    public IEntityStore Store { get; } = store;

    public DaprWorkflowClient Workflows { get; } = workflows;

    public IntakeOptions Intake { get; } = intake.Value;

    /// <summary>This replica's address for other replicas' direct hand-offs, as a writer names it in its answers.</summary>
    public string? DirectAddress { get; } = peerRouting.Value.DirectAddress?.ToString();

    public EntityWorkflowSettings WorkflowSettings { get; } = workflowOptions.Value.ToSettings();

    public SignalRelay Relay { get; } = relay;

    public InsertIfAbsentProbe InsertIfAbsent { get; } = insertIfAbsent;

    public StateGroupCommit GroupCommit { get; } = groupCommit;

    public StoredEnvelopes Envelopes { get; } = envelopes;

    public StoreReads Reads { get; } = reads;

    public LocalEntityActors LocalActors { get; } = localActors;

    public EntityChanges Changes { get; } = changes;

    public SignalMetrics Metrics { get; } = metrics;

    public TimeSpan ActorIdleTimeout { get; } = actorHosting.Value.IdleTimeout;

    public Retention.EntityEraser Eraser { get; } = eraser;

    public WriterContinuity Continuity { get; } = continuity;

    public TimeProvider Time { get; } = time;
}
