namespace EntityActors.Bench.Baseline;

/// <summary>The baseline workflow's input and continue-as-new checkpoint.</summary>
public sealed record BaselineCounterInput(long Count, int ContinueAsNewAfter);
