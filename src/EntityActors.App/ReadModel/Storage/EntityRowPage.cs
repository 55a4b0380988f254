namespace EntityActors.App.ReadModel.Storage;

/// <summary>A page of a list: its rows, the cursor of the next page (null at the end), and the position it is current to.</summary>
public sealed record EntityRowPage(IReadOnlyList<EntityRow> Rows, string? NextCursor, long Position);
