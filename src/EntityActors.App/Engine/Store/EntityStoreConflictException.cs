namespace EntityActors.App.Engine.Store;

/// <summary>A transaction refused as a whole: a first-write found its key taken, or an ETag no longer matched.</summary>
public sealed class EntityStoreConflictException(string message, Exception? innerException = null) : Exception(message, innerException);
