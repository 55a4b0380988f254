using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Inventory;

/// <summary>The long-lived workflow of one inventory item; all its rules live in <see cref="InventoryItem"/>.</summary>
public sealed class InventoryItemWorkflow : EntityWorkflow<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent>;
