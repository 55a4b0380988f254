using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Operations;

/// <summary>A bulk request's lines once validated, or the problem that refuses the request.</summary>
public sealed record BulkLines(IReadOnlyList<OperationLine>? Lines, ProblemHttpResult? Problem);
