using Microsoft.CodeAnalysis;

namespace EntityActors.Analyzers;

/// <summary>Tells workflow code from the rest: the members of a class derived from Dapr's <c>Workflow&lt;TInput, TOutput&gt;</c>, and of the types nested in one.</summary>
internal static class WorkflowTypes
{
    /// <summary>True when <paramref name="type"/> is a workflow class or is nested (at any depth) in one.</summary>
    public static bool HoldsWorkflowCode(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (IsWorkflow(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> derives, directly or through other classes, from <c>Dapr.Workflow.Workflow&lt;,&gt;</c>.</summary>
    public static bool IsWorkflow(INamedTypeSymbol type)
    {
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType is { Name: "Workflow", Arity: 2, ContainingNamespace: { Name: "Workflow", ContainingNamespace: { Name: "Dapr", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }
}
