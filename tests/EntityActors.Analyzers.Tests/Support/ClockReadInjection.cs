using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EntityActors.Analyzers.Tests.Support;

/// <summary>Adds one member that reads the machine clock to each workflow class of a compilation, wherever it is declared.</summary>
internal static class ClockReadInjection
{
    public const string ClockRead = "global::System.DateTime.UtcNow";

    private static readonly MemberDeclarationSyntax InjectedMember =
        SyntaxFactory.ParseMemberDeclaration($"private static global::System.DateTime InjectedClockRead() => {ClockRead};")!;

    /// <summary>The workflow classes of <paramref name="compilation"/>, by name, with the first declaration of each.</summary>
    public static IReadOnlyDictionary<string, ClassDeclarationSyntax> WorkflowClasses(Compilation compilation)
    {
        var found = new Dictionary<string, ClassDeclarationSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } type && WorkflowTypes.IsWorkflow(type))
                {
                    found.TryAdd(type.Name, declaration);
                }
            }
        }

        return found;
    }

    /// <summary>The compilation's trees with the clock-reading member added to each of <paramref name="classes"/>.</summary>
    public static IEnumerable<SyntaxTree> Inject(Compilation compilation, IEnumerable<ClassDeclarationSyntax> classes)
    {
        var byTree = classes.ToLookup(declaration => declaration.SyntaxTree);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!byTree.Contains(tree))
            {
                yield return tree;
                continue;
            }

            var root = tree.GetRoot().ReplaceNodes(byTree[tree], (_, declaration) => WithMember(declaration));
            yield return tree.WithRootAndOptions(root, tree.Options);
        }
    }

    private static ClassDeclarationSyntax WithMember(ClassDeclarationSyntax declaration)
    {
        // A class declared with a semicolon (`class CartWorkflow : EntityWorkflow<...>;`) needs braces to take a member.
        if (declaration.SemicolonToken.IsKind(SyntaxKind.SemicolonToken))
        {
            declaration = declaration
                .WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
        }

        return declaration.AddMembers(InjectedMember);
    }
}
