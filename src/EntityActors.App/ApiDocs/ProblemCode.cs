namespace EntityActors.App.ApiDocs;

/// <summary>
/// One stable <c>code</c> a problem answer can carry, with its status and what it means; <see cref="Kind"/> names the
/// one entity kind whose rules give it (null: any).
/// </summary>
public sealed record ProblemCode(string Code, int Status, string Meaning, ProblemScope Scope, string? Kind = null);
