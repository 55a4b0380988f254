namespace EntityActors.App.ReadModel;

/// <summary>How a rebuild went: entity workflows found, rows stored (changed), rows removed (their entity gone).</summary>
public sealed record RebuildReport(
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool Running, long Entities, long Stored, long Removed, string? Error);
