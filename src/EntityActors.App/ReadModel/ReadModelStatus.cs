namespace EntityActors.App.ReadModel;

/// <summary>The read model as <c>GET /admin/read-model</c> shows it.</summary>
/// <param name="LastRebuild">The latest rebuild since this replica started, or null.</param>
public sealed record ReadModelStatus(ReadModelProvider Provider, long Position, RebuildReport? LastRebuild);
