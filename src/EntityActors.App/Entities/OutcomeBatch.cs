namespace EntityActors.App.Entities;

/// <summary>Input of <see cref="RecordOutcomesActivity"/>: what one workflow turn applied.</summary>
public sealed record OutcomeBatch(string Kind, string Id, IReadOnlyList<AppliedSignal> Applied);
