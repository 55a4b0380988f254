namespace EntityActors.App.ReadModel.Projections;

/// <summary>An entity's state as the read model stores it; <see cref="Summary"/> is JSON.</summary>
public sealed record ProjectedEntity(string Status, string Summary, double? Balance = null, long? Available = null);
