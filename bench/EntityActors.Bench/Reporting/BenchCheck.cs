namespace EntityActors.Bench.Reporting;

/// <summary>A correctness check made during a scenario (counts applied exactly once), never a timing.</summary>
public sealed record BenchCheck(string Scenario, string Side, string What, bool Passed, string Detail);
