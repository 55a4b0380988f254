using Dapr.Actors.Runtime;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Entities;
using EntityActors.App.Hosting;
using EntityActors.Domain.Inventory;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Inventory;

/// <summary>Single writer of one inventoryitem's signal intake; see <see cref="EntityActor{TEntity, TState, TSignal, TEvent}"/>.</summary>
public sealed class InventoryItemActor(
    ActorHost host,
    DaprClient dapr,
    DaprWorkflowClient workflows,
    IOptions<DaprComponentsOptions> components,
    IOptions<SignalOptions> signals,
    IOptions<EntityWorkflowOptions> workflowOptions,
    TimeProvider time)
    : EntityActor<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent>(host, dapr, workflows, components, signals, workflowOptions, time)
{
    protected override string WorkflowName => nameof(InventoryItemWorkflow);
}
