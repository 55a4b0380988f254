namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// The entity's workflow reached another outcome for a signal than its single writer decided at intake (a rule that
/// is not deterministic, or code changed between the two). The workflow's outcome stands; this is how it is reported.
/// </summary>
/// <param name="EventsDiffer">The outcomes agree but the events they produced do not.</param>
public sealed record SignalDivergence(long Sequence, string SignalId, SignalOutcome AtIntake, SignalOutcome InWorkflow, bool EventsDiffer);
