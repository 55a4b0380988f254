namespace EntityActors.App.Operations;

/// <summary>Why one line of a bulk request is invalid; a request with any is refused whole.</summary>
public sealed record LineProblem(int Line, string Code, string Detail);
