namespace EntityActors.App.Tests.Replay;

/// <summary>A workflow's code did not do what its recorded history says it did: a non-deterministic change.</summary>
public sealed class ReplayMismatchException(string message) : Exception(message);
