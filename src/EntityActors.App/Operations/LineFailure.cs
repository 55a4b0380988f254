namespace EntityActors.App.Operations;

/// <summary>A line that was not applied, with the entity's rejection or the guard's reason: reported, not fatal.</summary>
public sealed record LineFailure(int Line, string EntityId, string Code, string Reason);
