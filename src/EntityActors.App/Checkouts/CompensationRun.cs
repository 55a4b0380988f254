namespace EntityActors.App.Checkouts;

/// <summary>One compensation the saga ran, and what the entity said.</summary>
public sealed record CompensationRun(string Signal, string Kind, string EntityId, string Result);
