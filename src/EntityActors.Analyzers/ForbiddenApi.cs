using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EntityActors.Analyzers;

/// <summary>
/// A type whose members (all, or the named ones) or whose construction are not allowed in workflow code.
/// Types are matched by name, not by symbol, so one entry holds whichever assembly defines the type.
/// </summary>
internal sealed class ForbiddenApi
{
    /// <summary>Null when every member is forbidden.</summary>
    private readonly ImmutableHashSet<string>? members;
    private readonly Construction construction;

    private ForbiddenApi(string ns, string typeName, DiagnosticDescriptor rule, ImmutableHashSet<string>? members, Construction construction)
    {
        Namespace = ns;
        TypeName = typeName;
        Rule = rule;
        this.members = members;
        this.construction = construction;
    }

    private enum Construction
    {
        Allowed,
        Forbidden,
        ForbiddenOverAPath,
    }

    public string Namespace { get; }

    /// <summary>The type's name without its generic arity, so <c>TaskFactory</c> stands for both TaskFactory types.</summary>
    public string TypeName { get; }

    public DiagnosticDescriptor Rule { get; }

    public static ForbiddenApi Members(string ns, string typeName, DiagnosticDescriptor rule, params string[] names) =>
        new(ns, typeName, rule, ImmutableHashSet.Create(names), Construction.Allowed);

    public static ForbiddenApi EveryUse(string ns, string typeName, DiagnosticDescriptor rule) =>
        new(ns, typeName, rule, null, Construction.Forbidden);

    public static ForbiddenApi Creation(string ns, string typeName, DiagnosticDescriptor rule) =>
        new(ns, typeName, rule, ImmutableHashSet<string>.Empty, Construction.Forbidden);

    /// <summary>Constructing it over a file path (a first parameter of type string) is file-system I/O; over a stream it is not.</summary>
    public static ForbiddenApi CreationOverAPath(string ns, string typeName, DiagnosticDescriptor rule) =>
        new(ns, typeName, rule, ImmutableHashSet<string>.Empty, Construction.ForbiddenOverAPath);

    public bool ForbidsMember(string name) => members is null || members.Contains(name);

    public bool ForbidsConstruction(IMethodSymbol constructor) => construction switch
    {
        Construction.Forbidden => true,
        Construction.ForbiddenOverAPath =>
            constructor.Parameters.Length > 0 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String,
        _ => false,
    };

    public bool Describes(ITypeSymbol type) => type.Name == TypeName && type.ContainingNamespace?.ToDisplayString() == Namespace;
}
