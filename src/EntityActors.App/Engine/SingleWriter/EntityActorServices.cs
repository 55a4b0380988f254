using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>What every entity actor needs, resolved once and shared by all activations.</summary>
public sealed class EntityActorServices(
    DaprClient dapr,
    DaprWorkflowClient workflows,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<EntityWorkflowOptions> workflowOptions,
    SignalPump pump,
    InsertIfAbsentProbe insertIfAbsent,
    StateGroupCommit groupCommit,
    LocalEntityActors localActors,
    IOptions<ActorHostingOptions> actorHosting,
    Retention.EntityEraser eraser,
    TimeProvider time)
{
    public DaprClient Dapr { get; } = dapr;

    public DaprWorkflowClient Workflows { get; } = workflows;

    public DaprComponentsOptions Components { get; } = components.Value;

    public SignalOptions Signals { get; } = signals.Value;

    public EntityWorkflowSettings WorkflowSettings { get; } = workflowOptions.Value.ToSettings();

    public SignalPump Pump { get; } = pump;

    public InsertIfAbsentProbe InsertIfAbsent { get; } = insertIfAbsent;

    public StateGroupCommit GroupCommit { get; } = groupCommit;

    public LocalEntityActors LocalActors { get; } = localActors;

    public TimeSpan ActorIdleTimeout { get; } = actorHosting.Value.IdleTimeout;

    public Retention.EntityEraser Eraser { get; } = eraser;

    public TimeProvider Time { get; } = time;
}
