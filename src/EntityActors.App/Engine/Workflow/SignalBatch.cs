using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The external event an entity workflow waits for: decided envelopes in sequence order, the workflow settings in
/// force when they were sent, and how far the relay has published what the entity's signals did.
/// </summary>
/// <param name="Erase">
/// The entity is being erased: the workflow completes, on purpose, so that it can be purged. Not terminated: in Dapr 1.18
/// a workflow that recorded a patch (<c>IsPatched</c>) is stalled by a terminate instead of ended, and never purged.
/// </param>
public sealed record SignalBatch(IReadOnlyList<SignalEnvelope> Signals, EntityWorkflowSettings Settings, long RelayedThrough = 0, bool Erase = false);
