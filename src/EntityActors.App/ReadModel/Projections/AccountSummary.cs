namespace EntityActors.App.ReadModel.Projections;

/// <summary>An account at a glance.</summary>
public sealed record AccountSummary(decimal Balance, decimal Available, string? Currency, string? Owner);
