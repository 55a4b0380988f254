namespace EntityActors.App.Entities;

/// <summary>
/// The external event an entity workflow waits for: one or more envelopes in sequence order, and the
/// workflow settings in force when they were sent.
/// </summary>
public sealed record SignalBatch(IReadOnlyList<SignalEnvelope> Signals, EntityWorkflowSettings Settings);
