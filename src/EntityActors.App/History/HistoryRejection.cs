namespace EntityActors.App.History;

/// <summary>Why a signal was refused: the stable code its problem answer carried, and the reason.</summary>
public sealed record HistoryRejection(string Code, string Detail);
