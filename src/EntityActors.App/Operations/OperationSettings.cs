using EntityActors.App.Checkouts;

namespace EntityActors.App.Operations;

/// <summary><see cref="OperationOptions"/> as an operation's workflows receive them in their input.</summary>
public sealed record OperationSettings(
    int ChunkLines,
    int LinesPerActivity,
    int MaxChildrenInFlight,
    int ChildrenPerGeneration,
    RetrySettings ActivityRetry);
