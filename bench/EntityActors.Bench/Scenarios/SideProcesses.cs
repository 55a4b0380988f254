namespace EntityActors.Bench.Scenarios;

/// <summary>The processes whose CPU is a side's, by figure name (<c>appSeconds</c>, …), and which of them count with their children.</summary>
public sealed record SideProcesses(Dictionary<string, int?> Ids, IReadOnlySet<string>? Trees = null);
