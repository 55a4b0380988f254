using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The external event an entity workflow waits for: decided envelopes in sequence order, the workflow settings in
/// force when they were sent, and how far the relay has published what the entity's signals did.
/// </summary>
public sealed record SignalBatch(IReadOnlyList<SignalEnvelope> Signals, EntityWorkflowSettings Settings, long RelayedThrough = 0);
