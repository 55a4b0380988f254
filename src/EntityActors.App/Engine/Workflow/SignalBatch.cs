using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// The external event an entity workflow waits for: one or more envelopes in sequence order, the workflow
/// settings in force when they were sent, and how far the sender has relayed the workflow's outbox (so the
/// workflow can drop those outcomes from it).
/// </summary>
public sealed record SignalBatch(IReadOnlyList<SignalEnvelope> Signals, EntityWorkflowSettings Settings, long RelayedThrough = 0);
