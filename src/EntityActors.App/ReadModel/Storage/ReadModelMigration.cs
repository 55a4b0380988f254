namespace EntityActors.App.ReadModel.Storage;

/// <summary>One step of the read model's schema: applied once, in version order, in its own transaction.</summary>
public sealed record ReadModelMigration(int Version, string Name, string Sql);
