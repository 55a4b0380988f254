namespace EntityActors.App.Retention;

/// <summary>What an entity's actor answers to an erase: whether there was anything of the entity to erase.</summary>
public sealed record EraseResponse(bool Existed);
