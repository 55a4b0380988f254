namespace EntityActors.Bench.Reporting;

/// <summary>What one side did in a scenario: how many operations were measured, and the raw figures behind the rows.</summary>
/// <param name="Count">Signals, queries or entities measured (the scenario's method says which).</param>
public sealed record SideResult(long Count, IReadOnlyDictionary<string, double> Figures);
